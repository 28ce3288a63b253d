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
  /**
   * Removes the bytes; a key that is not there is fine. With `writtenBefore` (ms since the epoch), only
   * bytes last stored before then go: the orphan sweep spares a blob an upload has just stored again.
   */
  delete(key: string, options?: { writtenBefore?: number | undefined }): Promise<void>;
  /**
   * Every stored key with when its bytes were last stored (`put` again refreshes it), in no set order:
   * what the orphan sweep walks to find blobs no record points at.
   */
  list(options: { signal?: AbortSignal | undefined }): AsyncIterable<StoredBlob>;
  /**
   * Removes the leftovers of writes that never finished (the process died mid-`put`) last written before
   * `writtenBefore`; resolves to how many went. Absent where the store leaves none (an S3 bucket's own
   * rule expires abandoned multipart uploads).
   */
  sweepUnfinished?(options: { writtenBefore: number; signal?: AbortSignal | undefined }): Promise<number>;
}

export interface StoredBlob {
  key: string;
  /** When the bytes were last stored (ms since the epoch). */
  writtenAt: number;
}

/** A content key: 64 lowercase hex characters. */
export const CONTENT_KEY_PATTERN = /^[0-9a-f]{64}$/;
