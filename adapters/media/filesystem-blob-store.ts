import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { LivedeskError } from '../../knowledge/errors.js';
import { CONTENT_KEY_PATTERN, type MediaBlobStore } from '../../engine/media/media-blob-store.js';

/**
 * Media bytes in a folder (`<LIVEDESK_DATA_DIR>/media` by default), one file per SHA-256 key, fanned out
 * by the key's first two byte pairs (`ab/cd/abcd…`) so no folder grows huge. A file is written to a
 * temporary name, flushed and renamed into place: a reader sees the whole file or none.
 */
export function createFilesystemBlobStore(options: { root: string }): MediaBlobStore {
  const { root } = options;
  const pathOf = (key: string): string => {
    if (!CONTENT_KEY_PATTERN.test(key)) throw new LivedeskError('invalid_input', 'not a media content key');
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  const sizeOf = async (file: string): Promise<number | undefined> => {
    try {
      return (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  return {
    async put(bytes, { signal }) {
      signal?.throwIfAborted();
      const key = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(key);
      if ((await sizeOf(target)) === bytes.length) return key;
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = path.join(path.dirname(target), `.${key}.${randomUUID()}.tmp`);
      try {
        const handle = await open(temporary, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        signal?.throwIfAborted();
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return key;
    },
    async get(key, { start, end, signal }) {
      const file = pathOf(key);
      const size = await sizeOf(file);
      if (size === undefined) return undefined;
      const range = { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
      return { size, body: createReadStream(file, { ...range, ...(signal ? { signal } : {}) }) };
    },
    async has(key) {
      return (await sizeOf(pathOf(key))) !== undefined;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
