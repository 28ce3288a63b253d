import { endpointUrl } from './base-url.js';
import { fromHttpStatus, isLivedeskErrorCode, LivedeskError } from './errors.js';

/** A viewer token for one room, and the conversation to rejoin; keep it to resume after a reload. */
export interface ViewerSession {
  token: string;
  expiresAt: string;
  viewerId: string;
  roomId: string;
  conversationId?: string | undefined;
}

export interface SessionRequest {
  baseUrl: string;
  roomId: string;
  identity?: string | undefined;
  locale?: string | undefined;
  displayName?: string | undefined;
  fetch: typeof fetch;
  signal?: AbortSignal | undefined;
}

export interface OpenedSession {
  session: ViewerSession;
  /** Why the platform-signed identity was refused; the session is then anonymous. */
  identityError: LivedeskError | undefined;
}

/**
 * `POST /api/viewer/session`, under the base URL's path: a signed viewer token (anonymous, or the
 * platform's verified viewer).
 */
export async function openSession(request: SessionRequest): Promise<OpenedSession> {
  const body = {
    roomId: request.roomId,
    ...(request.identity ? { identity: request.identity } : {}),
    ...(request.locale ? { locale: request.locale } : {}),
    ...(request.displayName ? { displayName: request.displayName } : {}),
  };
  let response: Response;
  try {
    response = await request.fetch(endpointUrl(request.baseUrl, '/api/viewer/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    if (request.signal?.aborted) throw new LivedeskError('closed', 'aborted', { cause: error });
    throw new LivedeskError('unavailable', `Livedesk cannot be reached at ${request.baseUrl}`, {
      cause: error,
    });
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw fromHttpStatus(response.status, messageOf(json) ?? `HTTP ${response.status}`);
  return parseSessionResponse(json);
}

function messageOf(json: unknown): string | undefined {
  return typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string'
    ? json.message
    : undefined;
}

function parseSessionResponse(json: unknown): OpenedSession {
  const invalid = () => new LivedeskError('protocol', 'the viewer session answer is not one');
  if (typeof json !== 'object' || json === null) throw invalid();
  const { token, expiresAt, viewer, identityError } = json as Record<string, unknown>;
  if (typeof token !== 'string' || token === '' || typeof expiresAt !== 'string') throw invalid();
  if (typeof viewer !== 'object' || viewer === null) throw invalid();
  const { viewerId, roomId } = viewer as Record<string, unknown>;
  if (typeof viewerId !== 'string' || typeof roomId !== 'string') throw invalid();
  return { session: { token, expiresAt, viewerId, roomId }, identityError: toIdentityError(identityError) };
}

function toIdentityError(value: unknown): LivedeskError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, message } = value as Record<string, unknown>;
  const text = typeof message === 'string' ? message : 'the identity was refused';
  const known = isLivedeskErrorCode(code) && code.startsWith('identity_');
  return new LivedeskError(known ? code : 'identity_invalid', text, {
    ...(typeof code === 'string' ? { detail: code } : {}),
  });
}
