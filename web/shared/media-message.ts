/** Kinds of media a conversation carries (engine/conversation's `media-message` event). */
export type MediaKind = 'image' | 'sticker' | 'voice' | 'file';

/**
 * A `media-message` event as the browser gets it: the stored event plus short-lived signed addresses
 * (`url`, and `thumbUrl` for pictures) that the server adds on delivery.
 */
export interface MediaMessageView {
  type: 'media-message';
  messageId: string;
  by: 'viewer' | 'agent';
  agentId?: string | undefined;
  mediaId: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
  name?: string | undefined;
  /**
   * Set by the page, never by the server: what a clip was heard to say (the voice message that
   * `transcribedClip` links to it) or the words of the spoken turn this records.
   */
  transcript?: string | undefined;
  /** A recording of the viewer's spoken turn: the sequence of its voice message (staff only). */
  spokenTurn?: number | undefined;
  at: string;
  url?: string | undefined;
  thumbUrl?: string | undefined;
}

/** A signed address the server hands out once more, when the one in the event has expired. */
export type MediaVariant = 'full' | 'thumb';

/** `12 KB`, `1.4 MB`: sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A media address from the server as one the browser can load: server-relative ones (`/media/…`) are
 * under Livedesk's base URL, path prefix included, not under the host page's origin.
 */
export function mediaAddress(url: string, baseUrl: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl.replace(/\/+$/u, '')}${url}`;
  return new URL(url, baseUrl).toString();
}

/**
 * The clip a viewer message transcribes: the server posts what it heard in a voice clip as a voice
 * `viewer-message` whose `clientMessageId` is `media:<messageId>` (server/media/media-assistant.ts).
 */
export function transcribedClip(clientMessageId: string | undefined): string | undefined {
  return clientMessageId?.startsWith('media:') ? clientMessageId.slice('media:'.length) : undefined;
}
