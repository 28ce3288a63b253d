import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { MetricsAccessConfig } from '../config.js';

/** Which listener a scrape came in on: the product's port, or LIVEDESK_METRICS_PORT's own. */
export type MetricsListener = 'main' | 'metrics';

export interface MetricsRequest {
  listener: MetricsListener;
  /** The `Authorization` header as sent. */
  authorization: string | undefined;
  /** The socket's peer; undefined when there is no socket (an in-process request). */
  remoteAddress: string | undefined;
  /** Whether the request carries X-Forwarded-For or Forwarded: a proxy relayed it from elsewhere. */
  proxied: boolean;
  /**
   * `LIVEDESK_TRUST_PROXY`: the main port is reached through a reverse proxy, which may connect from
   * loopback and need not add a forwarding header, so no request on it can be taken for a local one.
   */
  behindTrustedProxy: boolean;
}

export type MetricsDecision = 'allow' | 'unauthorized' | 'forbidden' | 'not-found';

/**
 * Who may read `/metrics` (the rules are on MetricsAccessConfig). The metrics name no viewer, but
 * they tell an attacker queue lengths, agents online and error rates, so they are not public.
 */
export function decideMetricsAccess(config: MetricsAccessConfig, request: MetricsRequest): MetricsDecision {
  if (request.listener === 'main' && config.port !== undefined) return 'not-found';
  if (config.token !== undefined) {
    return bearerMatches(request.authorization, config.token) ? 'allow' : 'unauthorized';
  }
  if (request.listener === 'metrics') return 'allow';
  // A reverse proxy on this machine connects from loopback for everyone: a relayed request is not local,
  // and behind a configured proxy nothing on the main port is (a proxy that adds no header looks local).
  if (request.behindTrustedProxy) return 'forbidden';
  return !request.proxied && isLoopback(request.remoteAddress) ? 'allow' : 'forbidden';
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/iu.exec(header ?? '');
  if (!match) return false;
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
