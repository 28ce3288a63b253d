/**
 * Where media bytes live, addressed by their content: the key is the SHA-256 of the bytes (hex), so the
 * same file stored twice is kept once. A folder by default (adapters/media/); the port fits an
 * S3-compatible bucket as well.
 */
export interface MediaBlobStore {
  /** Stores `bytes` and resolves to their key; storing bytes already there is a no-op. */
  put(bytes: Uint8Array, options: { signal?: AbortSignal | undefined }): Promise<string>;
  /** The bytes under `key` (from `start`, to `end` inclusive when given), or undefined when none are. */
  get(
    key: string,
    options: { start?: number | undefined; end?: number | undefined; signal?: AbortSignal | undefined },
  ): Promise<{ size: number; body: AsyncIterable<Uint8Array> } | undefined>;
  has(key: string): Promise<boolean>;
  /** Removes the bytes; a key that is not there is fine. */
  delete(key: string): Promise<void>;
}

/** A content key: 64 lowercase hex characters. */
export const CONTENT_KEY_PATTERN = /^[0-9a-f]{64}$/;
