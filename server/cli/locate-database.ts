import { access } from 'node:fs/promises';
import { LivedeskError } from '../../knowledge/errors.js';
import type { LivedeskConfig } from '../config.js';
import { ensureWritableDataDir } from '../ensure-writable-data-dir.js';
import { databasePath } from '../knowledge-runtime.js';
import type { CliOutput } from './cli-output.js';

export interface LocateDatabaseOptions {
  /** Imports may start a new database; every other command only reads one the server made. */
  mayCreate: boolean;
}

/**
 * Finds the database a command works on and names it on stderr. Opening SQLite on a missing file creates
 * an empty one, and the CLI then answered from it (or from a demo it seeded there) as if it were the
 * server's: a different LIVEDESK_DATA_DIR or working folder went unnoticed. A missing file is refused.
 */
export async function locateDatabase(
  config: Pick<LivedeskConfig, 'dataDir' | 'knowledgeBaseId'>,
  options: LocateDatabaseOptions,
  output: CliOutput,
): Promise<string> {
  const file = databasePath(config);
  const knowledgeBase = `knowledge base "${config.knowledgeBaseId}"`;
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists) {
    output.error(`livedesk: database ${file} (${knowledgeBase})`);
    return file;
  }
  if (!options.mayCreate) {
    throw new LivedeskError(
      'not_found',
      `no Livedesk database at ${file}; start the server with the same LIVEDESK_DATA_DIR or pass --data-dir`,
    );
  }
  await ensureWritableDataDir(config.dataDir);
  output.error(`livedesk: creating database ${file} (${knowledgeBase})`);
  return file;
}
