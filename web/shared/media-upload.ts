import { endpointUrl } from '../../sdk/src/base-url.js';
import { mediaAddress, type MediaKind, type MediaVariant } from './media-message.js';

/** What `POST /api/media` answers once the file is stored and in the conversation. */
export interface UploadedMedia {
  mediaId: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
}

/** A refused or failed upload: `code` is the server's (`too_large`, `unsupported_type`…) or `network`. */
export class MediaUploadError extends Error {
  override readonly name = 'MediaUploadError';
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export interface MediaRequest {
  /** Where Livedesk answers, with any path prefix: `https://support.example` (pages: their origin). */
  baseUrl: string;
  /** The viewer's or the staff member's bearer token. */
  token: string;
  signal?: AbortSignal | undefined;
}

function endpoint(baseUrl: string, path: `/${string}`, query: Record<string, string | undefined>): string {
  const url = endpointUrl(baseUrl, path);
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/** The server's error, in either of its shapes (`{ error, message }` or `{ error: { code, message } }`). */
export function mediaProblem(status: number, body: string): MediaUploadError {
  let code = `http_${status}`;
  let message = `the server answered ${status}`;
  try {
    const json = JSON.parse(body) as { error?: unknown; message?: unknown };
    const error = json.error;
    if (typeof error === 'string') code = error;
    else if (typeof error === 'object' && error !== null) {
      const inner = error as { code?: unknown; message?: unknown };
      if (typeof inner.code === 'string') code = inner.code;
      if (typeof inner.message === 'string') message = inner.message;
    }
    if (typeof json.message === 'string') message = json.message;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  if (status === 413) code = 'too_large';
  else if (status === 415) code = 'unsupported_type';
  else if (status === 429) code = 'rate_limited';
  return new MediaUploadError(code, message, status);
}

function parseUploaded(body: string): UploadedMedia | undefined {
  try {
    const json = JSON.parse(body) as Partial<Record<keyof UploadedMedia, unknown>>;
    const kinds: readonly unknown[] = ['image', 'sticker', 'voice', 'file'];
    if (
      typeof json.mediaId === 'string' &&
      kinds.includes(json.kind) &&
      typeof json.mime === 'string' &&
      typeof json.bytes === 'number'
    )
      return { mediaId: json.mediaId, kind: json.kind as MediaKind, mime: json.mime, bytes: json.bytes };
  } catch {
    // Falls through to the protocol error below.
  }
  return undefined;
}

/**
 * Sends a file into a conversation (`POST /api/media`, the body is the file). XMLHttpRequest, not fetch:
 * only it reports how much of the body has gone, and a phone on a slow link wants to see that.
 */
export function uploadMedia(
  request: MediaRequest & {
    conversationId: string;
    file: Blob;
    name?: string | undefined;
    sticker?: boolean | undefined;
    /** 0…1 as the body goes out. */
    onProgress?: ((fraction: number) => void) | undefined;
  },
): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = endpoint(request.baseUrl, '/api/media', {
      conversationId: request.conversationId,
      as: request.sticker ? 'sticker' : undefined,
      name: request.name,
    });
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${request.token}`);
    // The server decides the type from the bytes; this header only keeps proxies from guessing.
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) request.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status !== 201 && xhr.status !== 200) {
        reject(mediaProblem(xhr.status, xhr.responseText));
        return;
      }
      const uploaded = parseUploaded(xhr.responseText);
      if (uploaded) resolve(uploaded);
      else reject(new MediaUploadError('protocol', 'the upload answer is not one', xhr.status));
    };
    xhr.onerror = () => reject(new MediaUploadError('network', 'the upload did not reach the server', 0));
    xhr.onabort = () => reject(new MediaUploadError('aborted', 'the upload was stopped', 0));
    if (request.signal?.aborted) {
      reject(new MediaUploadError('aborted', 'the upload was stopped', 0));
      return;
    }
    request.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(request.file);
  });
}

/** A new signed address for a medium whose address expired (`GET /api/media/{id}/url`). */
export async function freshMediaUrl(
  request: MediaRequest & { mediaId: string; variant: MediaVariant },
): Promise<string> {
  const response = await fetch(
    endpoint(request.baseUrl, `/api/media/${encodeURIComponent(request.mediaId)}/url`, {
      variant: request.variant,
    }),
    {
      headers: { authorization: `Bearer ${request.token}` },
      ...(request.signal ? { signal: request.signal } : {}),
    },
  );
  const body = await response.text();
  if (!response.ok) throw mediaProblem(response.status, body);
  const json = JSON.parse(body) as { url?: unknown };
  if (typeof json.url !== 'string')
    throw new MediaUploadError('protocol', 'no url in the answer', response.status);
  return mediaAddress(json.url, request.baseUrl);
}
