import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type Dirent } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat, utimes } from 'node:fs/promises';
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
      // Stored already: touched, so the orphan sweep sees it as just written (an upload is about to use it).
      if ((await sizeOf(target)) === bytes.length && (await touch(target))) return key;
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = path.join(path.dirname(target), `.${key}.${randomUUID()}${TEMPORARY_SUFFIX}`);
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
    async delete(key, deleteOptions) {
      const file = pathOf(key);
      const writtenBefore = deleteOptions?.writtenBefore;
      if (writtenBefore !== undefined) {
        const written = await writtenAtOf(file);
        if (written === undefined || written >= writtenBefore) return;
      }
      await rm(file, { force: true });
    },
    async *list({ signal }) {
      for await (const first of subfolders(root)) {
        for await (const second of subfolders(path.join(root, first))) {
          const folder = path.join(root, first, second);
          for await (const entry of entriesOf(folder)) {
            signal?.throwIfAborted();
            if (!entry.isFile() || !CONTENT_KEY_PATTERN.test(entry.name)) continue;
            if (entry.name.slice(0, 2) !== first || entry.name.slice(2, 4) !== second) continue;
            const writtenAt = await writtenAtOf(path.join(folder, entry.name));
            if (writtenAt !== undefined) yield { key: entry.name, writtenAt };
          }
        }
      }
    },
    async sweepUnfinished({ writtenBefore, signal }) {
      let removed = 0;
      for await (const first of subfolders(root)) {
        for await (const second of subfolders(path.join(root, first))) {
          const folder = path.join(root, first, second);
          for await (const entry of entriesOf(folder)) {
            signal?.throwIfAborted();
            if (!entry.isFile() || !UNFINISHED_WRITE.test(entry.name)) continue;
            // A write still under way keeps its file younger than the cutoff (written moments ago).
            const file = path.join(folder, entry.name);
            const writtenAt = await writtenAtOf(file);
            if (writtenAt === undefined || writtenAt >= writtenBefore) continue;
            await rm(file, { force: true });
            removed += 1;
          }
        }
      }
      return removed;
    },
  };
}

const TEMPORARY_SUFFIX = '.tmp';
/** What `put` writes before its rename: `.<key>.<uuid>.tmp`. */
const UNFINISHED_WRITE = /^\.[0-9a-f]{64}\.[0-9a-f-]{36}\.tmp$/;

async function writtenAtOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Marks a stored file as written now; false when it went meanwhile (it is then written again). */
async function touch(file: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(file, now, now);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

const FANOUT_NAME = /^[0-9a-f]{2}$/;

/** The entries of a folder; none when it is not there (a store nothing was written to yet). */
async function* entriesOf(folder: string): AsyncIterable<Dirent> {
  let directory;
  try {
    directory = await opendir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  yield* directory;
}

/** The two-hex-digit fan-out folders directly under `folder`. */
async function* subfolders(folder: string): AsyncIterable<string> {
  for await (const entry of entriesOf(folder))
    if (entry.isDirectory() && FANOUT_NAME.test(entry.name)) yield entry.name;
}
