export type LivedeskErrorCode =
  /** Too many messages or sessions; wait and try again. */
  | 'rate_limited'
  /** The viewer token was refused and a new one could not be had. */
  | 'unauthorized'
  /** The conversation belongs to another viewer. */
  | 'forbidden'
  /** The server cannot be reached or cannot store messages now; the SDK retries. */
  | 'unavailable'
  /** The platform-signed identity was refused; the viewer continues as anonymous. */
  | 'identity_invalid'
  | 'identity_expired'
  | 'identity_unknown_key'
  /** The server refused what was sent (empty or too long text, a bad option). */
  | 'invalid_request'
  | 'conflict'
  /** `close()` was called, or the `signal` aborted. */
  | 'closed'
  /** The server answered something the SDK does not understand. */
  | 'protocol'
  | 'internal';

const CODES: ReadonlySet<string> = new Set<LivedeskErrorCode>([
  'rate_limited',
  'unauthorized',
  'forbidden',
  'unavailable',
  'identity_invalid',
  'identity_expired',
  'identity_unknown_key',
  'invalid_request',
  'conflict',
  'closed',
  'protocol',
  'internal',
]);

/** Every error the SDK throws or reports; `code` says what to do about it. */
export class LivedeskError extends Error {
  override readonly name = 'LivedeskError';
  readonly code: LivedeskErrorCode;
  /** The HTTP status or the server's own error code, when there was one. */
  readonly detail: string | undefined;

  constructor(code: LivedeskErrorCode, message: string, options: { cause?: unknown; detail?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
  }

  /** Worth trying again later without changing anything. */
  get retryable(): boolean {
    return this.code === 'unavailable' || this.code === 'rate_limited';
  }
}

export function isLivedeskErrorCode(value: unknown): value is LivedeskErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** The channel's error codes, as the SDK's. */
export function fromChannelError(code: string, message: string): LivedeskError {
  switch (code) {
    case 'rate_limited':
    case 'unavailable':
    case 'forbidden':
    case 'conflict':
    case 'internal':
      return new LivedeskError(code, message, { detail: code });
    case 'unauthenticated':
      return new LivedeskError('unauthorized', message, { detail: code });
    case 'invalid_frame':
    case 'invalid_json':
    case 'unknown_type':
      return new LivedeskError('invalid_request', message, { detail: code });
    default:
      return new LivedeskError('protocol', message, { detail: code });
  }
}

/** An HTTP status, as the SDK's error code. */
export function fromHttpStatus(status: number, message: string): LivedeskError {
  const detail = String(status);
  if (status === 429) return new LivedeskError('rate_limited', message, { detail });
  if (status === 401) return new LivedeskError('unauthorized', message, { detail });
  if (status === 403) return new LivedeskError('forbidden', message, { detail });
  if (status >= 500) return new LivedeskError('unavailable', message, { detail });
  return new LivedeskError('invalid_request', message, { detail });
}
