import pg from 'pg';
import { mapPostgresError } from './map-postgres-error.js';

export interface PostgresListenerOptions {
  /** Settings for the one connection that LISTENs; never a pooled one, which another caller would reuse. */
  clientConfig: pg.ClientConfig;
  /** A plain identifier (letters, digits, underscores). */
  channel: string;
  /**
   * Called before each connection (the first and every reconnection) starts listening. `listening` resolves
   * true once LISTEN is in place, false when that connection failed: what was committed before that moment
   * arrives on no connection, so this is where a caller catches up.
   */
  onSession(session: number, listening: Promise<boolean>): void;
  /** Every notification on the channel, in commit order, tagged with the connection it came on. */
  onNotification(payload: string, session: number): void;
  /** A connection failed or dropped; the listener reconnects by itself. */
  onError(error: unknown): void;
  /** First wait before reconnecting, doubled after each failure up to `maxReconnectDelayMs`. Default 100 ms. */
  minReconnectDelayMs?: number | undefined;
  /** Default 5 s. */
  maxReconnectDelayMs?: number | undefined;
  /**
   * How often the idle connection is asked `SELECT 1`. A half-open TCP connection (a peer gone without a
   * word) delivers nothing and reports nothing; only a query that never answers reveals it. Default 10 s.
   */
  heartbeatMs?: number | undefined;
}

export interface PostgresListenerStatus {
  connected: boolean;
  /** The server process of the LISTEN connection (`pg_stat_activity.pid`), for operators and tests. */
  backendPid: number | undefined;
  /** Connections opened so far, the first included. */
  sessions: number;
}

export interface PostgresListener {
  status(): PostgresListenerStatus;
  /** Drops the connection and opens a new one (a caller that could not process a notification asks this). */
  reconnect(): void;
  close(): Promise<void>;
}

/**
 * LISTENs on one channel over a dedicated connection that survives the server restarting, the connection being
 * killed or the network dropping: each loss is reported and followed by a new connection after a backoff.
 * Resolves once the first connection listens; rejects (mapped) when it cannot.
 */
export async function startPostgresListener(options: PostgresListenerOptions): Promise<PostgresListener> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(options.channel)) throw new Error(`not a channel name: ${options.channel}`);
  const minDelayMs = options.minReconnectDelayMs ?? 100;
  const maxDelayMs = options.maxReconnectDelayMs ?? 5_000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  let delayMs = minDelayMs;
  let session = 0;
  let client: pg.Client | undefined;
  let dropCurrent: ((error: unknown) => void) | undefined;
  let listening = false;
  let started = false;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;

  function scheduleReconnect(): void {
    if (closed || !started || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      // A failure here has dropped the connection, which reported it and scheduled the next try.
      connect().catch(() => undefined);
    }, delayMs);
    reconnectTimer.unref();
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  }

  async function connect(): Promise<void> {
    const current = new pg.Client({ ...options.clientConfig, query_timeout: heartbeatMs });
    const id = ++session;
    client = current;
    listening = false;
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (client === current) {
        client = undefined;
        dropCurrent = undefined;
        listening = false;
      }
      current.removeAllListeners('notification');
      current.end().catch(() => undefined);
      if (error !== undefined && !closed) options.onError(mapPostgresError(error));
      scheduleReconnect();
    };
    dropCurrent = drop;
    current.on('error', drop);
    current.on('end', () => drop(closed ? undefined : new Error('the LISTEN connection ended')));
    current.on('notification', (message) => {
      if (message.channel === options.channel && message.payload !== undefined) {
        options.onNotification(message.payload, id);
      }
    });
    let settle: (ok: boolean) => void = () => undefined;
    options.onSession(
      id,
      new Promise<boolean>((resolve) => {
        settle = resolve;
      }),
    );
    try {
      await current.connect();
      await current.query(`LISTEN ${options.channel}`);
      if (dropped || closed) throw new Error('the LISTEN connection ended while it started');
      listening = true;
      delayMs = minDelayMs;
      settle(true);
    } catch (error) {
      settle(false);
      drop(error);
      throw mapPostgresError(error);
    }
  }

  await connect();
  started = true;

  const heartbeat = setInterval(() => {
    const current = client;
    const drop = dropCurrent;
    if (!current || !drop || !listening) return;
    // The query timeout set on the client fails a query the server never answers.
    current.query('SELECT 1').catch(drop);
  }, heartbeatMs);
  heartbeat.unref();

  return {
    status() {
      const pid = (client as { processID?: unknown } | undefined)?.processID;
      return {
        connected: listening,
        backendPid: typeof pid === 'number' ? pid : undefined,
        sessions: session,
      };
    },
    reconnect() {
      dropCurrent?.(new Error('the listener was asked to reconnect'));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const current = client;
      client = undefined;
      dropCurrent = undefined;
      listening = false;
      await current?.end().catch(() => undefined);
    },
  };
}
