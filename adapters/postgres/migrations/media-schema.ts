import type { PostgresMigration } from '../postgres-migration.js';

/** Media records of conversations; columns match the SQLite table (migration 18). */
export const MEDIA_SCHEMA: PostgresMigration = {
  version: 14,
  name: 'media-schema',
  statements: [
    `CREATE TABLE media (
      id text PRIMARY KEY,
      conversation_id text NOT NULL,
      uploader_kind text NOT NULL CHECK (uploader_kind IN ('viewer', 'agent')),
      uploader_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('image', 'sticker', 'voice', 'file')),
      mime text NOT NULL,
      bytes bigint NOT NULL,
      content_key text NOT NULL,
      thumb_key text,
      width integer,
      height integer,
      duration_ms integer,
      name text,
      created_at text NOT NULL
    )`,
    'CREATE INDEX media_by_conversation ON media (conversation_id, created_at)',
    'CREATE INDEX media_by_content_key ON media (content_key)',
    'CREATE INDEX media_by_thumb_key ON media (thumb_key) WHERE thumb_key IS NOT NULL',
  ],
};
