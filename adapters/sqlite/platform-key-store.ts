import type { Database } from 'better-sqlite3';
import {
  API_KEY_COLUMNS,
  apiKeyFromRow,
  apiKeyRowValues,
  SIGNING_KEY_COLUMNS,
  signingKeyFromRow,
  signingKeyRowValues,
} from '../shared/platform-key-rows.js';
import {
  MAX_ACTIVE_SIGNING_KEYS,
  type PlatformKeyStore,
  type PlatformSigningKey,
} from '../../server/platform/platform-key-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

/** Platform keys in the shared SQLite file; the active-key limit is checked inside the insert's transaction. */
export function createSqlitePlatformKeyStore(options: { database: Database }): PlatformKeyStore {
  const { database } = options;
  const selectSigning = database.prepare(
    `SELECT ${SIGNING_KEY_COLUMNS} FROM platform_signing_keys ORDER BY platform_id, created_at, key_id`,
  );
  const selectSigningById = database.prepare(
    `SELECT ${SIGNING_KEY_COLUMNS} FROM platform_signing_keys WHERE key_id = ?`,
  );
  const countActive = database.prepare<[string], { total: number }>(
    'SELECT count(*) AS total FROM platform_signing_keys WHERE platform_id = ? AND revoked_at IS NULL',
  );
  const insertSigning = database.prepare(
    `INSERT INTO platform_signing_keys (${SIGNING_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const revokeSigning = database.prepare(
    'UPDATE platform_signing_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL',
  );
  const selectApi = database.prepare(
    `SELECT ${API_KEY_COLUMNS} FROM platform_api_keys ORDER BY platform_id, created_at, key_id`,
  );
  const selectApiById = database.prepare(`SELECT ${API_KEY_COLUMNS} FROM platform_api_keys WHERE key_id = ?`);
  const selectApiByHash = database.prepare(
    `SELECT ${API_KEY_COLUMNS} FROM platform_api_keys WHERE secret_hash = ? AND revoked_at IS NULL`,
  );
  const insertApi = database.prepare(
    `INSERT INTO platform_api_keys (${API_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const revokeApi = database.prepare(
    'UPDATE platform_api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL',
  );

  const addSigning = database.transaction((key: PlatformSigningKey): 'added' | 'limit' => {
    const values = signingKeyRowValues(key);
    if (key.revokedAt === null && countActive.get(key.platformId)!.total >= MAX_ACTIVE_SIGNING_KEYS)
      return 'limit';
    insertSigning.run(...values);
    return 'added';
  });

  return {
    listSigningKeys: () => run(() => selectSigning.all().map(signingKeyFromRow)),
    addSigningKey: (key) => run(() => addSigning.immediate(key)),
    revokeSigningKey: (id, at) =>
      run(() => {
        revokeSigning.run(at, id);
        const row = selectSigningById.get(id);
        return row === undefined ? undefined : signingKeyFromRow(row);
      }),
    listApiKeys: () => run(() => selectApi.all().map(apiKeyFromRow)),
    addApiKey: (key) =>
      run(() => {
        insertApi.run(...apiKeyRowValues(key));
      }),
    revokeApiKey: (id, at) =>
      run(() => {
        revokeApi.run(at, id);
        const row = selectApiById.get(id);
        return row === undefined ? undefined : apiKeyFromRow(row);
      }),
    findActiveApiKey: (secretHash) =>
      run(() => {
        const row = selectApiByHash.get(secretHash);
        return row === undefined ? undefined : apiKeyFromRow(row);
      }),
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
