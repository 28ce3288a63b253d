import type { PostgresMigration } from '../postgres-migration.js';

/** Platform signing keys (viewer identity) and platform API keys (issue 15); columns match the SQLite tables. */
export const PLATFORM_KEY_SCHEMA: PostgresMigration = {
  version: 8,
  name: 'platform-key-schema',
  statements: [
    `CREATE TABLE platform_signing_keys (
      key_id text PRIMARY KEY,
      platform_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('hs256', 'jwks')),
      secret text,
      jwks_url text,
      created_at text NOT NULL,
      created_by text NOT NULL,
      revoked_at text,
      CHECK ((kind = 'hs256' AND secret IS NOT NULL) OR (kind = 'jwks' AND jwks_url IS NOT NULL))
    )`,
    'CREATE INDEX platform_signing_keys_by_platform ON platform_signing_keys (platform_id, revoked_at)',
    `CREATE TABLE platform_api_keys (
      key_id text PRIMARY KEY,
      platform_id text NOT NULL,
      label text NOT NULL,
      secret_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at text NOT NULL,
      created_by text NOT NULL,
      revoked_at text
    )`,
  ],
};
