import type { DataType } from '@huggingface/transformers';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions, Embedder } from '../../knowledge/ports.js';
import { loadFeatureExtractor } from './load-feature-extractor.js';
import { resolveModelSource } from './resolve-model-source.js';

export interface TransformersEmbedderOptions {
  /** A Hugging Face model id, or an absolute path to a model folder. Default 'Xenova/multilingual-e5-small'. */
  model?: string;
  /** A folder holding `<model>/config.json`, `tokenizer.json`, `onnx/…`; looked at before any download. */
  localModelPath?: string;
  /** Where downloaded models are cached. Default: the library's own cache folder. */
  cacheDir?: string;
  /** Download from the Hugging Face Hub when the model is not found locally. Default true. */
  allowRemoteModels?: boolean;
  /** Which ONNX weights to run. Default: fp32 when `onnx/model.onnx` exists locally, else q8. */
  dtype?: DataType;
  /** Put before query texts. Default 'query: ' for e5 models (which are trained with it), else ''. */
  queryPrefix?: string;
  /** Put before passage texts. Default 'passage: ' for e5 models, else ''. */
  passagePrefix?: string;
  /** Texts per forward pass. Default 32. */
  batchSize?: number;
}

export interface TransformersEmbedOptions extends CallOptions {
  /**
   * Which prefix to use. Default 'query': FAQ matching compares a viewer's question with stored
   * questions, a symmetric task, for which e5's authors prefix both sides with 'query: '.
   */
  inputType?: 'query' | 'passage';
}

export interface TransformersEmbedder extends Embedder {
  embed(texts: readonly string[], options?: TransformersEmbedOptions): Promise<Float32Array[]>;
  /** Frees the ONNX session; later calls reject with 'unavailable'. */
  dispose(): Promise<void>;
}

/**
 * An Embedder running a sentence-embedding model in-process with transformers.js: mean pooling
 * over the tokens, then L2 normalisation. Async because the model is loaded (and probed once
 * for its vector length) before the embedder is handed out, so a missing model fails at startup
 * rather than on the first viewer message.
 *
 * It never writes the library's global `env`: the local folder is passed as an absolute model
 * path, offline mode as `local_files_only`, the cache as `cache_dir`. It still reads `env`, so
 * code elsewhere in the process that sets, say, `env.allowLocalModels = false` affects it too.
 */
export async function createTransformersEmbedder(
  options: TransformersEmbedderOptions = {},
  callOptions: CallOptions = {},
): Promise<TransformersEmbedder> {
  const model = options.model ?? 'Xenova/multilingual-e5-small';
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new LivedeskError('invalid_input', `batchSize must be a positive integer, got ${batchSize}`);
  }
  const isE5 = /(^|[/_-])e5([_-]|$)/i.test(model);
  const prefixes = {
    query: options.queryPrefix ?? (isE5 ? 'query: ' : ''),
    passage: options.passagePrefix ?? (isE5 ? 'passage: ' : ''),
  };

  const source = await resolveModelSource({
    model,
    localModelPath: options.localModelPath,
    allowRemoteModels: options.allowRemoteModels ?? true,
    dtype: options.dtype,
  });
  const extractor = await loadFeatureExtractor({
    model,
    source,
    cacheDir: options.cacheDir,
    localModelPath: options.localModelPath,
    signal: callOptions.signal,
  });
  let disposed = false;

  async function run(texts: string[]): Promise<Float32Array[]> {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const data: unknown = output.data;
    const [rows, columns] = output.dims;
    if (
      output.dims.length !== 2 ||
      rows !== texts.length ||
      columns === undefined ||
      !(data instanceof Float32Array)
    ) {
      throw new LivedeskError(
        'internal',
        `the embedding model "${model}" gave a tensor of shape [${output.dims.join(', ')}]`,
      );
    }
    return Array.from({ length: rows }, (_, row) => data.slice(row * columns, (row + 1) * columns));
  }

  let dimensions: number;
  try {
    dimensions = (await run(['dimension probe']))[0]?.length ?? 0;
  } catch (error) {
    await extractor.dispose();
    throw error;
  }

  async function embed(
    texts: readonly string[],
    embedOptions: TransformersEmbedOptions = {},
  ): Promise<Float32Array[]> {
    const { signal } = embedOptions;
    throwIfAborted(signal);
    if (disposed) throw new LivedeskError('unavailable', `the embedding model "${model}" was disposed`);
    const prefix = prefixes[embedOptions.inputType ?? 'query'];
    const vectors: Float32Array[] = texts.map(() => new Float32Array(dimensions));
    const positions = texts.flatMap((text, position) => (text.trim() === '' ? [] : [position]));
    for (let start = 0; start < positions.length; start += batchSize) {
      throwIfAborted(signal);
      const batch = positions.slice(start, start + batchSize);
      const embedded = await run(batch.map((position) => `${prefix}${texts[position] ?? ''}`));
      batch.forEach((position, offset) => {
        const vector = embedded[offset];
        if (vector !== undefined) vectors[position] = vector;
      });
    }
    throwIfAborted(signal);
    return vectors;
  }

  return {
    id: `transformers:${model}:${source.dtype}`,
    dimensions,
    maxBatchSize: batchSize,
    embed,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await extractor.dispose();
    },
  };
}
