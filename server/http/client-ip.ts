import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The caller's address, for rate limits. From the socket, unless the server sits behind a reverse proxy
 * (`trustProxy`): then the last X-Forwarded-For hop, the one the proxy itself saw; earlier hops are
 * whatever the client claimed.
 */
export function clientIp(context: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (context.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop !== '');
    const nearest = hops.at(-1);
    if (nearest) return nearest;
  }
  try {
    return getConnInfo(context).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request in a test): no socket to ask.
    return 'unknown';
  }
}
