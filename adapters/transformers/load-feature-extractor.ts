import { pipeline } from '@huggingface/transformers';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import { downloadAdvice } from './resolve-model-source.js';
import type { ModelSource } from './resolve-model-source.js';

export interface LoadFeatureExtractorOptions {
  model: string;
  source: ModelSource;
  cacheDir: string | undefined;
  localModelPath: string | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Builds the feature-extraction pipeline with per-call options only (`local_files_only`,
 * `cache_dir`, `dtype`), so two embedders with different settings never share global state.
 *
 * The library cannot cancel a load. On abort this rejects at once, and the pipeline, when it
 * does arrive, is disposed instead of leaking its ONNX session.
 */
export async function loadFeatureExtractor(
  options: LoadFeatureExtractorOptions,
): Promise<FeatureExtractionPipeline> {
  const { source, signal } = options;
  throwIfAborted(signal);
  const loading = pipeline('feature-extraction', source.id, {
    local_files_only: source.localFilesOnly,
    dtype: source.dtype,
    ...(options.cacheDir === undefined ? {} : { cache_dir: options.cacheDir }),
  }).catch((error: unknown) => {
    throw loadError(options, error);
  });
  if (signal === undefined) return loading;

  return new Promise<FeatureExtractionPipeline>((resolve, reject) => {
    const onAbort = (): void => {
      reject(
        new LivedeskError('aborted', 'loading the embedding model was aborted', { cause: signal.reason }),
      );
      loading.then((extractor) => extractor.dispose()).catch(() => undefined);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    loading.then(
      (extractor) => {
        signal.removeEventListener('abort', onAbort);
        resolve(extractor);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function loadError(options: LoadFeatureExtractorOptions, cause: unknown): LivedeskError {
  const { model, source, localModelPath } = options;
  const text =
    cause instanceof Error
      ? `${cause.message} ${String((cause.cause as Error | undefined)?.message ?? '')}`
      : '';
  const missingFile = /not found locally at "([^"]+)"/.exec(text)?.[1];
  const network = /fetch failed|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|getaddrinfo/i.test(
    text,
  );

  if (missingFile !== undefined) {
    return new LivedeskError(
      'unavailable',
      `the embedding model "${model}" is incomplete or missing in ${source.where} (no ${missingFile}) and ` +
        `downloading is off. ${downloadAdvice(model, localModelPath)}`,
      { cause },
    );
  }
  if (network) {
    return new LivedeskError(
      'unavailable',
      `could not download the embedding model "${model}" from ${source.where} (is this machine offline?). ` +
        downloadAdvice(model, localModelPath),
      { retryable: true, cause },
    );
  }
  return new LivedeskError(
    'unavailable',
    `could not load the embedding model "${model}" (${source.dtype}) from ${source.where}; check that its files are ` +
      `complete. ${downloadAdvice(model, localModelPath)}`,
    { cause },
  );
}
