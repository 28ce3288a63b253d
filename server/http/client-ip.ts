import { getConnInfo } from '@hono/node-server/conninfo';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The caller's address, for rate limits. From the socket, unless the server sits behind a reverse proxy
 * (`trustProxy`): then the last X-Forwarded-For hop, the one the proxy itself saw; earlier hops are
 * whatever the client claimed.
 */
export function clientIp(context: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const nearest = nearestForwardedHop(context.req.header('x-forwarded-for'));
    if (nearest) return nearest;
  }
  try {
    return getConnInfo(context).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request in a test): no socket to ask.
    return 'unknown';
  }
}

/** The X-Forwarded-For hop the proxy itself added (the last one), when there is one. */
export function nearestForwardedHop(header: string | readonly string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : (header as string | undefined);
  return (value ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '')
    .at(-1);
}

/** `clientIp` for a raw request (a WebSocket upgrade): the same rule, so both sides count one address. */
export function requestClientIp(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? nearestForwardedHop(request.headers['x-forwarded-for']) : undefined;
  return forwarded ?? request.socket.remoteAddress ?? 'unknown';
}
