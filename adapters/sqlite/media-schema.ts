export const MEDIA_MIGRATION_DESCRIPTION =
  'media records (images, stickers, voice clips, files) of conversations; their bytes sit in the blob store';

/** One row per media item; `content_key` and `thumb_key` name blobs (adapters/media/), never paths. */
export const MEDIA_MIGRATION_SQL = `
  CREATE TABLE media (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    uploader_kind TEXT NOT NULL CHECK (uploader_kind IN ('viewer', 'agent')),
    uploader_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'sticker', 'voice', 'file')),
    mime TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    content_key TEXT NOT NULL,
    thumb_key TEXT,
    width INTEGER,
    height INTEGER,
    duration_ms INTEGER,
    name TEXT,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX media_by_conversation ON media (conversation_id, created_at);
  CREATE INDEX media_by_content_key ON media (content_key);
  CREATE INDEX media_by_thumb_key ON media (thumb_key) WHERE thumb_key IS NOT NULL;
`;
