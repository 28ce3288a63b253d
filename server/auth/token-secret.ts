import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LivedeskError } from '../../knowledge/errors.js';

const SECRET_BYTES = 32;

export interface TokenSecretOptions {
  /** `LIVEDESK_SECRET`, already checked to be long enough. */
  configured?: string | undefined;
  dataDir: string;
}

export function secretFilePath(dataDir: string): string {
  return path.join(dataDir, 'secret.key');
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

async function readSecretFile(file: string): Promise<Buffer> {
  const secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  if (secret.length < SECRET_BYTES) {
    throw new LivedeskError(
      'unavailable',
      `${file} holds less than ${SECRET_BYTES} bytes of secret; delete it to have a new one made (signed-in users will have to sign in again)`,
    );
  }
  return secret;
}

/**
 * The key that signs tokens: `LIVEDESK_SECRET` when set, else a random one made on first start and kept
 * in `<dataDir>/secret.key` (owner-only), so tokens stay valid across restarts.
 */
export async function loadTokenSecret(options: TokenSecretOptions): Promise<Buffer> {
  if (options.configured !== undefined) return Buffer.from(options.configured, 'utf8');
  const file = secretFilePath(options.dataDir);
  try {
    return await readSecretFile(file);
  } catch (error) {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  // Written aside, then linked into place: link fails when the file exists, so when two processes start
  // on a new folder at once, one key wins and nobody reads a half-written file.
  const pending = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(pending, `${randomBytes(SECRET_BYTES).toString('base64url')}\n`, { mode: 0o600 });
    // The mode given to writeFile is masked by the umask; make sure.
    await chmod(pending, 0o600);
    await link(pending, file);
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) throw error;
  } finally {
    await rm(pending, { force: true });
  }
  return readSecretFile(file);
}
