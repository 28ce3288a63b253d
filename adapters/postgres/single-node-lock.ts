import pg from 'pg';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapPostgresError } from './map-postgres-error.js';

export interface SingleNodeLock {
  /** Lets go of the lock (the node is stopping). */
  release(): Promise<void>;
}

export interface SingleNodeLockOptions {
  connection: pg.ClientConfig;
  /** The lock's connection broke and could not be taken again; the node should stop taking traffic. */
  onLost?: ((error: Error) => void) | undefined;
  /** Between tries to take the lock again after its connection broke. Default 1 s. */
  retryDelayMs?: number | undefined;
}

const LOCK_SQL = "SELECT pg_try_advisory_lock(hashtext('livedesk-node:' || current_schema())) AS locked";

/**
 * Outside cluster mode only one Livedesk process may run on a database: two would each run the same
 * conversations and the same queue. A session-level advisory lock,
 * held on a connection of its own, makes the second one refuse to start with a clear message. When the
 * connection breaks (PostgreSQL restarted) the lock is taken again as soon as the server is back.
 */
export async function takeSingleNodeLock(options: SingleNodeLockOptions): Promise<SingleNodeLock> {
  let released = false;
  let client = await lockedClient(options.connection);
  const watch = (current: pg.Client) => {
    current.on('error', () => {
      if (released) return;
      void current.end().catch(() => undefined);
      void retake();
    });
  };
  const retake = async () => {
    while (!released) {
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1_000));
      if (released) return;
      try {
        client = await lockedClient(options.connection);
        watch(client);
        return;
      } catch (error) {
        if (error instanceof LivedeskError && error.code === 'conflict') {
          options.onLost?.(error);
          return;
        }
      }
    }
  };
  watch(client);
  return {
    async release() {
      released = true;
      await client.end().catch(() => undefined);
    },
  };
}

async function lockedClient(connection: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client({ ...connection, application_name: 'livedesk-node-lock' });
  try {
    await client.connect();
    const result = await client.query<{ locked: boolean }>(LOCK_SQL);
    if (result.rows[0]?.locked !== true) {
      throw new LivedeskError(
        'conflict',
        'another Livedesk node already runs on this database; several nodes on one database run in cluster mode (LIVEDESK_REDIS_URL on every node)',
      );
    }
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw mapPostgresError(error);
  }
}
