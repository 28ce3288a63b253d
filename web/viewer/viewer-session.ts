import * as z from 'zod/mini';
import type { ApiClient } from '../shared/api-client.js';

/** `POST /api/viewer/session`'s answer: an anonymous, signed identity for one room. */
const SessionResponseSchema = z.object({
  token: z.string().check(z.minLength(1)),
  expiresAt: z.string(),
  viewer: z.object({ viewerId: z.string(), roomId: z.string() }),
});

/** What the page keeps: the token, who it names, and the conversation to rejoin. */
const StoredViewerSchema = z.object({
  token: z.string().check(z.minLength(1)),
  viewerId: z.string(),
  roomId: z.string(),
  expiresAt: z.string(),
  conversationId: z.optional(z.string()),
});
export type StoredViewer = z.infer<typeof StoredViewerSchema>;

/** A minute of slack so a token never expires between reading it and joining with it. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * The viewer's token and current conversation for one room, in localStorage: a reload (or a new tab)
 * rejoins the same conversation and shows its history.
 */
export class ViewerSessionStore {
  private readonly key: string;

  constructor(roomId: string) {
    this.key = `livedesk.viewer.${roomId}`;
  }

  load(nowMs = Date.now()): StoredViewer | undefined {
    const raw = localStorage.getItem(this.key);
    if (!raw) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const parsed = StoredViewerSchema.safeParse(json);
    if (!parsed.success || Date.parse(parsed.data.expiresAt) - EXPIRY_MARGIN_MS <= nowMs) return undefined;
    return parsed.data;
  }

  save(viewer: StoredViewer): void {
    localStorage.setItem(this.key, JSON.stringify(viewer));
  }

  /** The server refused the token: the next join starts with a fresh session. */
  forget(): void {
    localStorage.removeItem(this.key);
  }
}

export interface OpenSessionRequest {
  roomId: string;
  locale: string;
  displayName?: string;
  signal?: AbortSignal;
}

export async function openViewerSession(api: ApiClient, request: OpenSessionRequest): Promise<StoredViewer> {
  const session = await api.request('POST', '/api/viewer/session', SessionResponseSchema, {
    body: {
      json: {
        roomId: request.roomId,
        locale: request.locale,
        ...(request.displayName ? { displayName: request.displayName } : {}),
      },
    },
    ...(request.signal ? { signal: request.signal } : {}),
  });
  return { token: session.token, expiresAt: session.expiresAt, ...session.viewer };
}
