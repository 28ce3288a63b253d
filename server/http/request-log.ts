import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/principal.js';
import type { Logger } from '../logging/logger.js';

/** A caller's own request id is kept when it looks like one (a proxy's); else a fresh one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/u;
/** Probes polled every few seconds: logging each would drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Routes under a conversation name it in the path (`/api/conversations/{id}/…`). */
const CONVERSATION_PATH = /^\/api\/conversations\/([^/]{1,128})/u;

const requestIds = new WeakMap<Request, string>();

/** The id the request log gave this request ('-' outside the middleware, e.g. app.request in a test). */
export function requestIdOf(context: Context): string {
  return requestIds.get(context.req.raw) ?? '-';
}

/**
 * One `request` line per HTTP request once it is answered: request id (also sent back as
 * X-Request-Id), method, path (no query: it can hold search text), status, ms, the account id of a
 * signed-in staff member or the viewer id of a viewer, and the conversation id a route names.
 */
export function requestLog(logger: Logger, options: { newId?: () => string } = {}): MiddlewareHandler {
  const newId = options.newId ?? randomUUID;
  return async (context, next) => {
    const offered = context.req.header('x-request-id');
    const requestId = offered !== undefined && REQUEST_ID.test(offered) ? offered : newId();
    requestIds.set(context.req.raw, requestId);
    const startedAt = performance.now();
    await next();
    context.header('x-request-id', requestId);
    if (QUIET_PATHS.has(context.req.path) && context.res.status < 400) return;
    const principal = (context.get as (key: string) => unknown)('principal') as Principal | undefined;
    const conversationId = CONVERSATION_PATH.exec(context.req.path)?.[1];
    logger.info(
      {
        requestId,
        method: context.req.method,
        path: context.req.path,
        status: context.res.status,
        ms: Math.round((performance.now() - startedAt) * 10) / 10,
        ...(principal?.kind === 'staff' ? { accountId: principal.userId } : {}),
        ...(principal?.kind === 'viewer' ? { viewerId: principal.viewerId } : {}),
        ...(conversationId === undefined ? {} : { conversationId }),
      },
      'request',
    );
  };
}
