import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';

/**
 * OpenAI's /v1/embeddings answer. Each embedding is a float array or, with
 * `encoding_format: 'base64'`, little-endian float32 bytes in base64. Both forms are accepted
 * whatever was asked for, because some compatible servers ignore `encoding_format`.
 */
export const EmbeddingResponseSchema = z.object({
  data: z.array(
    z.object({
      index: z.number().int().nonnegative().optional(),
      embedding: z.union([z.string(), z.array(z.number())]),
    }),
  ),
});
export type EmbeddingResponse = z.infer<typeof EmbeddingResponseSchema>;

export interface ParseEmbeddingResponseOptions {
  /** How many texts were sent. */
  count: number;
  /** The vector length every embedding must have, when already known. */
  dimensions?: number | undefined;
  /** Names the endpoint in error messages. */
  endpoint: string;
}

/** Checks the answer against what was asked and returns L2-normalised vectors in input order. */
export function parseEmbeddingResponse(
  response: unknown,
  options: ParseEmbeddingResponseOptions,
): Float32Array[] {
  const fail = (problem: string, cause?: unknown): LivedeskError =>
    new LivedeskError('unavailable', `the embeddings endpoint ${options.endpoint} ${problem}`, { cause });

  const parsed = EmbeddingResponseSchema.safeParse(response);
  if (!parsed.success)
    throw fail(`returned an unexpected body (${z.prettifyError(parsed.error)})`, parsed.error);
  const { data } = parsed.data;
  if (data.length !== options.count) {
    throw fail(`returned ${data.length} embeddings for ${options.count} texts`);
  }

  const ordered = new Array<Float32Array | undefined>(options.count);
  data.forEach((item, position) => {
    const slot = item.index ?? position;
    if (slot >= options.count || ordered[slot] !== undefined) {
      throw fail(`returned embedding index ${slot} out of place`);
    }
    ordered[slot] = decodeEmbedding(item.embedding, fail);
  });

  const vectors = ordered.map((vector) => vector ?? new Float32Array(0));
  const expected = options.dimensions ?? vectors[0]?.length ?? 0;
  for (const vector of vectors) {
    if (vector.length === 0 || vector.length !== expected) {
      throw fail(`returned vectors of ${vector.length} dimensions where ${expected} were expected`);
    }
    if (!vector.every(Number.isFinite)) throw fail('returned a vector holding NaN or Infinity');
    normalizeInPlace(vector);
  }
  return vectors;
}

function decodeEmbedding(
  embedding: string | number[],
  fail: (problem: string) => LivedeskError,
): Float32Array {
  if (typeof embedding !== 'string') return Float32Array.from(embedding);
  const bytes = Buffer.from(embedding, 'base64');
  if (bytes.length % 4 !== 0)
    throw fail(`returned a base64 embedding of ${bytes.length} bytes, not whole float32s`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.length / 4);
  for (let index = 0; index < vector.length; index++) vector[index] = view.getFloat32(index * 4, true);
  return vector;
}

/** Servers other than OpenAI do not always normalise; a zero vector stays zero. */
function normalizeInPlace(vector: Float32Array): void {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  if (sumOfSquares === 0) return;
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] ?? 0) * scale;
}
