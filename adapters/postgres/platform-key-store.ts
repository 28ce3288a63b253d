import type { Pool } from 'pg';
import {
  API_KEY_COLUMNS,
  apiKeyFromRow,
  apiKeyRowValues,
  SIGNING_KEY_COLUMNS,
  signingKeyFromRow,
  signingKeyRowValues,
} from '../shared/platform-key-rows.js';
import { MAX_ACTIVE_SIGNING_KEYS, type PlatformKeyStore } from '../../server/platform/platform-key-store.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

/**
 * Platform keys in the shared PostgreSQL database. Adding a signing key takes the table's write lock, so two
 * nodes adding keys for one platform at once count each other's and never end above the active-key limit.
 */
export function createPostgresPlatformKeyStore(options: { pool: Pool }): PlatformKeyStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[] = []): Promise<unknown[]> => {
    try {
      return (await pool.query<Record<string, unknown>>(text, values)).rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async listSigningKeys() {
      const rows = await query(
        `SELECT ${SIGNING_KEY_COLUMNS} FROM platform_signing_keys ORDER BY platform_id, created_at, key_id`,
      );
      return rows.map(signingKeyFromRow);
    },
    addSigningKey: (key) =>
      withTransaction(pool, async (client) => {
        const values = signingKeyRowValues(key);
        await client.query('LOCK TABLE platform_signing_keys IN EXCLUSIVE MODE');
        if (key.revokedAt === null) {
          const active = await client.query<{ total: string }>(
            'SELECT count(*) AS total FROM platform_signing_keys WHERE platform_id = $1 AND revoked_at IS NULL',
            [key.platformId],
          );
          if (Number(active.rows[0]?.total ?? 0) >= MAX_ACTIVE_SIGNING_KEYS) return 'limit' as const;
        }
        await client.query(
          `INSERT INTO platform_signing_keys (${SIGNING_KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          values,
        );
        return 'added' as const;
      }),
    async revokeSigningKey(id, at) {
      await query(
        'UPDATE platform_signing_keys SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL',
        [at, id],
      );
      const [row] = await query(
        `SELECT ${SIGNING_KEY_COLUMNS} FROM platform_signing_keys WHERE key_id = $1`,
        [id],
      );
      return row === undefined ? undefined : signingKeyFromRow(row);
    },
    async listApiKeys() {
      const rows = await query(
        `SELECT ${API_KEY_COLUMNS} FROM platform_api_keys ORDER BY platform_id, created_at, key_id`,
      );
      return rows.map(apiKeyFromRow);
    },
    async addApiKey(key) {
      await query(
        `INSERT INTO platform_api_keys (${API_KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        apiKeyRowValues(key),
      );
    },
    async revokeApiKey(id, at) {
      await query('UPDATE platform_api_keys SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ]);
      const [row] = await query(`SELECT ${API_KEY_COLUMNS} FROM platform_api_keys WHERE key_id = $1`, [id]);
      return row === undefined ? undefined : apiKeyFromRow(row);
    },
    async findActiveApiKey(secretHash) {
      const [row] = await query(
        `SELECT ${API_KEY_COLUMNS} FROM platform_api_keys WHERE secret_hash = $1 AND revoked_at IS NULL`,
        [secretHash],
      );
      return row === undefined ? undefined : apiKeyFromRow(row);
    },
  };
}
