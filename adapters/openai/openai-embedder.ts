import OpenAI from 'openai';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions, Embedder } from '../../knowledge/ports.js';
import { describeEndpoint } from './describe-endpoint.js';
import { mapOpenAIError } from './map-openai-error.js';
import { parseEmbeddingResponse } from './parse-embedding-response.js';

export interface OpenAIEmbedderOptions {
  /** Any OpenAI-compatible API root, e.g. `https://api.openai.com/v1` or `http://localhost:8080/v1`. */
  baseURL: string;
  /** Sent as `Authorization: Bearer …`; without it no Authorization header is sent at all. */
  apiKey?: string;
  model: string;
  /**
   * The vector length. When left out, the factory asks the endpoint once (a one-text request)
   * and uses the length of the answer; every later answer must match it.
   */
  dimensions?: number;
  /**
   * Send `dimensions` in each request, so OpenAI's text-embedding-3 models shorten their vectors.
   * Off by default: most other servers reject the field. Needs `dimensions`.
   */
  requestDimensions?: boolean;
  /** Texts per request. Default 64. */
  batchSize?: number;
  /** Bound on one batch request, its retries included. Default 15,000. */
  timeoutMs?: number;
  /** Retries per batch for 408, 409, 429, 5xx and connection errors, with the SDK's backoff. Default 2. */
  maxRetries?: number;
  /**
   * Wire format requested. Default 'base64' (the SDK's own default: smaller, exact float32). The
   * answer is decoded whichever form comes back. Use 'float' for servers that refuse base64.
   */
  encodingFormat?: 'base64' | 'float';
  /**
   * Longer texts are cut to this many characters before sending. OpenAI's models take 8,192
   * tokens and CJK text can need more than one token per character. Default 6,000.
   */
  maxInputCharacters?: number;
}

/**
 * An Embedder backed by `POST {baseURL}/embeddings`. Async because, without `dimensions`, it
 * learns the vector length from the endpoint before it can describe itself.
 *
 * The SDK client is built with every credential option given explicitly, so it never falls back
 * to OPENAI_* environment variables (config is read once, in server/config.ts). The SDK still
 * reads OPENAI_CUSTOM_HEADERS; there is no option to stop that.
 */
export async function createOpenAIEmbedder(
  options: OpenAIEmbedderOptions,
  callOptions: CallOptions = {},
): Promise<Embedder> {
  const endpoint = describeEndpoint(options.baseURL);
  const batchSize = positiveInteger(options.batchSize ?? 64, 'batchSize');
  const timeoutMs = positiveInteger(options.timeoutMs ?? 15_000, 'timeoutMs');
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 2));
  const maxInputCharacters = positiveInteger(options.maxInputCharacters ?? 6_000, 'maxInputCharacters');
  const encodingFormat = options.encodingFormat ?? 'base64';
  const { apiKey, model } = options;
  if (options.dimensions !== undefined) positiveInteger(options.dimensions, 'dimensions');
  if (options.requestDimensions === true && options.dimensions === undefined) {
    throw new LivedeskError('invalid_input', 'requestDimensions needs dimensions');
  }

  const client = new OpenAI({
    baseURL: options.baseURL,
    // The SDK insists on a credential; without a key the header is removed below instead.
    apiKey: apiKey ?? 'no-api-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: timeoutMs,
    maxRetries,
    logLevel: 'off',
    ...(apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });

  async function requestBatch(
    inputs: string[],
    dimensions: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Float32Array[]> {
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    try {
      const response: unknown = await client.embeddings.create(
        {
          model,
          input: inputs,
          encoding_format: encodingFormat,
          ...(options.requestDimensions === true && dimensions !== undefined ? { dimensions } : {}),
        },
        { signal: signal === undefined ? timeoutSignal : AbortSignal.any([signal, timeoutSignal]) },
      );
      return parseEmbeddingResponse(response, { count: inputs.length, dimensions, endpoint });
    } catch (error) {
      throw mapOpenAIError(error, {
        callerSignal: signal,
        timeoutSignal,
        timeoutMs,
        endpoint,
        model,
        apiKey,
      });
    }
  }

  const dimensions =
    options.dimensions ??
    (await requestBatch(['dimension probe'], undefined, callOptions.signal))[0]?.length ??
    0;

  async function embed(texts: readonly string[], embedOptions: CallOptions = {}): Promise<Float32Array[]> {
    const { signal } = embedOptions;
    throwIfAborted(signal);
    const vectors: Float32Array[] = texts.map(() => new Float32Array(dimensions));
    // The zero-vector rule for blank text also keeps it off the wire: OpenAI rejects empty input.
    const positions = texts.flatMap((text, position) => (text.trim() === '' ? [] : [position]));
    for (let start = 0; start < positions.length; start += batchSize) {
      throwIfAborted(signal);
      const batch = positions.slice(start, start + batchSize);
      const inputs = batch.map((position) => truncate(texts[position] ?? '', maxInputCharacters));
      const embedded = await requestBatch(inputs, dimensions, signal);
      batch.forEach((position, offset) => {
        const vector = embedded[offset];
        if (vector !== undefined) vectors[position] = vector;
      });
    }
    return vectors;
  }

  return {
    id: `openai:${model}:${dimensions}`,
    dimensions,
    maxBatchSize: batchSize,
    embed,
  };
}

/** Cuts to `maxLength` UTF-16 units without splitting a surrogate pair. */
function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const lastCode = text.charCodeAt(maxLength - 1);
  const end = lastCode >= 0xd800 && lastCode <= 0xdbff ? maxLength - 1 : maxLength;
  return text.slice(0, end);
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new LivedeskError('invalid_input', `${name} must be a positive integer, got ${value}`);
  }
  return value;
}
