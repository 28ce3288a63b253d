/** Platform signing keys and platform API keys (issue 15); columns match the PostgreSQL tables. */
export const PLATFORM_KEY_MIGRATION_DESCRIPTION =
  'platform signing keys (viewer identity) and platform API keys';

export const PLATFORM_KEY_MIGRATION_SQL = `
  CREATE TABLE platform_signing_keys (
    key_id TEXT PRIMARY KEY,
    platform_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('hs256', 'jwks')),
    secret TEXT,
    jwks_url TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((kind = 'hs256' AND secret IS NOT NULL) OR (kind = 'jwks' AND jwks_url IS NOT NULL))
  ) STRICT;
  CREATE INDEX platform_signing_keys_by_platform ON platform_signing_keys (platform_id, revoked_at);
  CREATE TABLE platform_api_keys (
    key_id TEXT PRIMARY KEY,
    platform_id TEXT NOT NULL,
    label TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TEXT
  ) STRICT;
`;
