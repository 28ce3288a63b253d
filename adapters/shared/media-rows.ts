import { z } from 'zod';
import { MediaKindSchema, MediaUploaderSchema } from '../../engine/media/media-kind.js';
import type { MediaRecord } from '../../engine/media/media-record.js';

/** The `media` table's columns, in the order `mediaRowValues` gives them (SQLite and PostgreSQL alike). */
export const MEDIA_COLUMNS =
  'id, conversation_id, uploader_kind, uploader_id, kind, mime, bytes, content_key, thumb_key, width, height, duration_ms, name, created_at';
export const MEDIA_COLUMN_COUNT = 14;

const optionalNumber = z
  .union([z.number(), z.string(), z.null()])
  .transform((value) => (value === null ? undefined : Number(value)));
const optionalText = z
  .string()
  .nullable()
  .transform((value) => value ?? undefined);

/** A row as read back: validated, since the database is outside the process. */
const MediaRowSchema = z.object({
  id: z.string(),
  conversation_id: z.string(),
  uploader_kind: MediaUploaderSchema,
  uploader_id: z.string(),
  kind: MediaKindSchema,
  mime: z.string(),
  bytes: z.union([z.number(), z.string()]).transform(Number),
  content_key: z.string(),
  thumb_key: optionalText,
  width: optionalNumber,
  height: optionalNumber,
  duration_ms: optionalNumber,
  name: optionalText,
  created_at: z.string(),
});

export function mediaRowValues(record: MediaRecord): (string | number | null)[] {
  return [
    record.id,
    record.conversationId,
    record.uploader.kind,
    record.uploader.id,
    record.kind,
    record.mime,
    record.bytes,
    record.contentKey,
    record.thumbKey ?? null,
    record.width ?? null,
    record.height ?? null,
    record.durationMs ?? null,
    record.name ?? null,
    record.createdAt,
  ];
}

export function mediaFromRow(row: unknown): MediaRecord {
  const parsed = MediaRowSchema.parse(row);
  return {
    id: parsed.id,
    conversationId: parsed.conversation_id,
    uploader: { kind: parsed.uploader_kind, id: parsed.uploader_id },
    kind: parsed.kind,
    mime: parsed.mime,
    bytes: parsed.bytes,
    contentKey: parsed.content_key,
    ...(parsed.thumb_key === undefined ? {} : { thumbKey: parsed.thumb_key }),
    ...(parsed.width === undefined ? {} : { width: parsed.width }),
    ...(parsed.height === undefined ? {} : { height: parsed.height }),
    ...(parsed.duration_ms === undefined ? {} : { durationMs: parsed.duration_ms }),
    ...(parsed.name === undefined ? {} : { name: parsed.name }),
    createdAt: parsed.created_at,
  };
}
