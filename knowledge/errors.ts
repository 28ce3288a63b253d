export type LivedeskErrorCode =
  'invalid_input' | 'not_found' | 'conflict' | 'unavailable' | 'timeout' | 'aborted' | 'internal';

/** The one error type crossing module boundaries; vendor errors are mapped into it in adapters. */
export class LivedeskError extends Error {
  readonly code: LivedeskErrorCode;
  readonly retryable: boolean;

  constructor(
    code: LivedeskErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'LivedeskError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof LivedeskError && error.code === 'aborted') ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError'))
  );
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new LivedeskError('aborted', 'the operation was aborted', { cause: signal.reason });
}
