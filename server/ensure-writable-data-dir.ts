import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LivedeskError } from '../knowledge/errors.js';

const REASONS: Record<string, string> = {
  EEXIST: 'it is a file, not a folder',
  ENOTDIR: 'part of its path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/**
 * Creates the data folder and proves it takes a file, before SQLite opens anything in it. SQLite would
 * otherwise fail later with a vague "unable to open database file", after part of start-up has run.
 * A probe file is written and removed because permission bits say nothing when running as root or on
 * a read-only mount.
 */
export async function ensureWritableDataDir(dataDir: string): Promise<void> {
  const probe = path.join(dataDir, `.write-probe-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(probe, '', { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (error as Error).message;
    throw new LivedeskError(
      'unavailable',
      `data folder ${dataDir} cannot be written: ${reason} (set LIVEDESK_DATA_DIR to a writable folder)`,
      { cause: error },
    );
  }
  await rm(probe, { force: true });
}
