// zod/mini: the classic build is not tree-shakable and would be most of every page's bundle.
import * as z from 'zod/mini';

const ProblemSchema = z.object({
  error: z.optional(z.string()),
  message: z.optional(z.string()),
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  lines: z.optional(z.array(z.object({ line: z.number(), message: z.string() }))),
});

export interface FieldIssue {
  path: string;
  message: string;
}

export interface LineIssue {
  line: number;
  message: string;
}

/** A refused request, with what the server said was wrong. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly issues: readonly FieldIssue[];
  readonly lines: readonly LineIssue[];

  constructor(options: {
    status: number;
    code: string;
    message: string;
    issues?: FieldIssue[];
    lines?: LineIssue[];
  }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.issues = options.issues ?? [];
    this.lines = options.lines ?? [];
  }
}

export type RequestBody = { json: unknown } | { text: string; contentType: string };

export interface RequestOptions {
  body?: RequestBody;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    schema: z.ZodMiniType<T>,
    options?: RequestOptions,
  ): Promise<T>;
}

export interface ApiClientOptions {
  /** The bearer token to send, read on every call (it changes on login). */
  token: () => string | undefined;
  /** The token was refused: the page should ask to log in again. */
  onUnauthorized?: () => void;
}

/** JSON over fetch, every response checked against the shape the page relies on. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  return {
    async request(method, path, schema, requestOptions = {}) {
      const headers: Record<string, string> = { accept: 'application/json' };
      const token = options.token();
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      const requestBody = requestOptions.body;
      if (requestBody && 'json' in requestBody) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(requestBody.json);
      } else if (requestBody) {
        headers['content-type'] = requestBody.contentType;
        body = requestBody.text;
      }
      const response = await fetch(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
      });
      const payload: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        if (response.status === 401) options.onUnauthorized?.();
        throw problemOf(response.status, payload);
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new ApiError({
          status: response.status,
          code: 'unexpected_response',
          message: `${method} ${path}: the server's answer is not what this page expects (${parsed.error.issues
            .slice(0, 3)
            .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
            .join('; ')})`,
        });
      }
      return parsed.data;
    },
  };
}

function problemOf(status: number, payload: unknown): ApiError {
  const problem = ProblemSchema.safeParse(payload);
  const data = problem.success ? problem.data : {};
  return new ApiError({
    status,
    code: data.error ?? `http_${status}`,
    message: data.message ?? `the server answered ${status}`,
    ...(data.issues ? { issues: data.issues } : {}),
    ...(data.lines ? { lines: data.lines } : {}),
  });
}

/** One line for a status bar: the message plus the first few field or line problems. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const details = [
      ...error.issues.map((issue) => `${issue.path || 'body'}: ${issue.message}`),
      ...error.lines.map((line) => `line ${line.line}: ${line.message}`),
    ];
    return details.length > 0 ? `${error.message}: ${details.slice(0, 5).join('; ')}` : error.message;
  }
  if (error instanceof Error) return error.name === 'AbortError' ? 'cancelled' : error.message;
  return 'something went wrong';
}
