import type { ViewerSession } from '../../sdk/src/index.js';

/** What the widget keeps per room in the host page's localStorage: the session, and what was read. */
export interface KeptWidgetState {
  session: ViewerSession;
  /** The last stored event the viewer saw with the panel open; later answers while closed are unread. */
  seen: number;
  /** Which identity the session was opened with (a digest): another viewer signs in, a new session. */
  identityKey: string;
}

/** A short FNV-1a digest: enough to tell two identities apart without keeping the token twice. */
export function identityKey(identity: string | undefined): string {
  if (!identity) return 'anonymous';
  let hash = 0x811c9dc5;
  for (let index = 0; index < identity.length; index += 1) {
    hash ^= identity.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function isSession(value: unknown): value is ViewerSession {
  if (typeof value !== 'object' || value === null) return false;
  const session = value as Record<string, unknown>;
  return (
    typeof session.token === 'string' &&
    typeof session.expiresAt === 'string' &&
    typeof session.viewerId === 'string' &&
    typeof session.roomId === 'string' &&
    (session.conversationId === undefined || typeof session.conversationId === 'string')
  );
}

/** localStorage may be missing or refuse (private modes, sandboxed frames): the widget then forgets. */
export class WidgetStorage {
  private readonly key: string;

  constructor(baseUrl: string, room: string) {
    this.key = `livedesk.widget.${baseUrl}.${room}`;
  }

  load(identity: string): KeptWidgetState | undefined {
    try {
      const raw = window.localStorage.getItem(this.key);
      if (!raw) return undefined;
      const json = JSON.parse(raw) as Record<string, unknown>;
      if (!isSession(json.session) || json.identityKey !== identity) return undefined;
      const seen =
        typeof json.seen === 'number' && Number.isInteger(json.seen) && json.seen >= 0 ? json.seen : 0;
      return { session: json.session, seen, identityKey: identity };
    } catch {
      return undefined;
    }
  }

  save(state: KeptWidgetState): void {
    try {
      window.localStorage.setItem(this.key, JSON.stringify(state));
    } catch {
      // Not kept: the next page load starts a new conversation.
    }
  }
}
