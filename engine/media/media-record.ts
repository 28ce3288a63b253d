import type { MediaKind, MediaUploader } from './media-kind.js';

/** One stored media item: what it is, whose conversation it belongs to, where its bytes are. */
export interface MediaRecord {
  id: string;
  conversationId: string;
  uploader: { kind: MediaUploader; id: string };
  kind: MediaKind;
  /** Decided from the bytes (after re-encoding, for images). */
  mime: string;
  bytes: number;
  /** Blob key of the stored file (adapters/media/). */
  contentKey: string;
  /** Blob key of the image's WebP thumbnail. */
  thumbKey?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
  /** The display name the sender gave, when any (never used to decide the type). */
  name?: string | undefined;
  createdAt: string;
}

/** The media records of every conversation (SQLite table `media`, migration 18; PostgreSQL migration 14). */
export interface MediaRecordStore {
  add(record: MediaRecord): Promise<void>;
  get(id: string): Promise<MediaRecord | undefined>;
  /** Removes one record (an upload whose message could not be stored); a missing id is fine. */
  delete(id: string): Promise<void>;
  /** The conversation's media, oldest first. */
  listByConversation(conversationId: string): Promise<MediaRecord[]>;
  /** Removes the records of these conversations; resolves to the removed records. */
  deleteByConversations(conversationIds: readonly string[]): Promise<MediaRecord[]>;
  /** Whether any record still points at this blob key (as its file or its thumbnail). */
  referencesKey(key: string): Promise<boolean>;
}
