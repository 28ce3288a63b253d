import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `target` all at once: `write` fills a temporary file beside it, which is flushed to
 * disk and then renamed over the target, so a crash leaves either the old file or the new one.
 * `write` is called before the first `await`, so callers can snapshot state synchronously.
 */
export async function writeFileAtomically(
  target: string,
  write: (temporaryPath: string) => void | Promise<void>,
): Promise<void> {
  const temporaryPath = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  try {
    await write(temporaryPath);
    const handle = await open(temporaryPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, target);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}
