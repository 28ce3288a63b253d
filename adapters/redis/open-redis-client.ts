import { Redis } from 'ioredis';
import { LivedeskError } from '../../knowledge/errors.js';

export interface RedisClientOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /** Shown by `CLIENT LIST`, so an operator can tell which node holds which connection. */
  connectionName?: string | undefined;
  /** How long one connection attempt may take. Default 5 s. */
  connectTimeoutMs?: number | undefined;
  /** Longest wait between reconnection attempts. Default 1 s. */
  maxReconnectDelayMs?: number | undefined;
  /** A connection error after start-up (the client reconnects by itself). */
  onError?: ((error: Error) => void) | undefined;
}

/** What an operator may see of the URL: host, port and database, never the password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * Opens one Redis connection and proves it answers; start-up fails with one line for the operator otherwise.
 * Afterwards it reconnects forever, and while it is down every command fails at once (no offline queue):
 * a rate limit or a publish must not wait for a Redis that may never come back.
 */
export async function openRedisClient(options: RedisClientOptions): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new LivedeskError('invalid_input', 'LIVEDESK_REDIS_URL is not a URL (redis://host:6379)');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new LivedeskError(
      'invalid_input',
      `LIVEDESK_REDIS_URL must start with redis:// (got ${parsed.protocol}//)`,
    );
  }
  const maxDelayMs = options.maxReconnectDelayMs ?? 1_000;
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 50, maxDelayMs),
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
  });
  // Without a listener ioredis prints every failed reconnection attempt. The first connection's own error
  // (ECONNREFUSED, a DNS failure) arrives here; connect() itself only says the connection closed.
  let connectError: Error | undefined;
  client.on('error', (error: Error) => {
    connectError ??= error;
    options.onError?.(error);
  });
  try {
    await client.connect();
    await client.ping();
    connectError = undefined;
    return client;
  } catch (error) {
    client.disconnect();
    const cause = connectError ?? error;
    const reason = (cause as { code?: string }).code ?? (cause instanceof Error ? cause.message : 'unknown');
    throw new LivedeskError(
      'unavailable',
      `cannot reach Redis at ${describeRedisUrl(options.url)} (${reason}); check LIVEDESK_REDIS_URL and that the server runs`,
      { cause },
    );
  }
}
