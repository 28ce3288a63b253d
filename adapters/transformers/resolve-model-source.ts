import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DataType } from '@huggingface/transformers';
import { LivedeskError } from '../../knowledge/errors.js';

export interface ModelSourceOptions {
  model: string;
  localModelPath: string | undefined;
  allowRemoteModels: boolean;
  dtype: DataType | undefined;
}

/** What to hand to `pipeline()`, decided without touching the library's global `env`. */
export interface ModelSource {
  /** An absolute folder for local models (the library then skips `env.localModelPath`), else a hub id. */
  id: string;
  /** Passed as `local_files_only`: the per-call form of `env.allowRemoteModels = false`. */
  localFilesOnly: boolean;
  dtype: DataType;
  /** Where the model is looked for, for messages. */
  where: string;
}

/**
 * A model in `<localModelPath>/<model>` is loaded from that folder by absolute path. Otherwise
 * it comes from the library's cache or the Hugging Face Hub, when downloads are allowed.
 * Without `dtype`, a local folder's own files decide: `onnx/model.onnx` gives fp32, else
 * `onnx/model_quantized.onnx` gives q8 (many published folders ship only the quantized file).
 */
export async function resolveModelSource(options: ModelSourceOptions): Promise<ModelSource> {
  const { model, localModelPath, allowRemoteModels } = options;
  const localFolder =
    localModelPath !== undefined
      ? path.resolve(localModelPath, model)
      : path.isAbsolute(model) || model.startsWith('.')
        ? path.resolve(model)
        : undefined;

  if (localFolder !== undefined && (await exists(path.join(localFolder, 'config.json')))) {
    const dtype =
      options.dtype ?? ((await exists(path.join(localFolder, 'onnx', 'model.onnx'))) ? 'fp32' : 'q8');
    return { id: localFolder, localFilesOnly: true, dtype, where: localFolder };
  }
  if (localFolder !== undefined && (!allowRemoteModels || localModelPath === undefined)) {
    throw new LivedeskError('unavailable', missingModelMessage(model, localFolder, localModelPath));
  }
  return {
    id: model,
    localFilesOnly: !allowRemoteModels,
    dtype: options.dtype ?? 'fp32',
    where: allowRemoteModels ? 'the Hugging Face Hub' : "the transformers library's cache",
  };
}

/** What the operator should do when the model cannot be found or fetched. */
export function downloadAdvice(model: string, localModelPath: string | undefined): string {
  const files =
    'config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx or onnx/model_quantized.onnx';
  return localModelPath === undefined
    ? `Download the model (${files}) into a folder <models>/${model} and set localModelPath to <models>`
    : `Download the model (${files}) into ${path.resolve(localModelPath, model)}, or set localModelPath to the folder that holds ${model}/`;
}

function missingModelMessage(model: string, folder: string, localModelPath: string | undefined): string {
  return `the embedding model "${model}" is not in ${folder}. ${downloadAdvice(model, localModelPath ?? path.dirname(folder))}`;
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    return false;
  }
}
