import type pg from 'pg';
import { openPostgresPool } from '../../adapters/postgres/open-postgres-pool.js';
import { createPostgresTestSchema } from './postgres-test-schema.js';

export interface PostgresStoreHarness<Store> {
  store: Store;
  /** A store on a pool of its own over the same schema, as a second node would open it. */
  openAnother(): Promise<Store>;
  /** The first store's pool, for tests that look at the rows or hold locks. */
  pool: pg.Pool;
  url: string;
  cleanup(): Promise<void>;
}

/** A fresh migrated schema and a store over it, for a contract suite's `createHarness`. */
export async function createPostgresStoreHarness<Store>(
  open: (pool: pg.Pool) => Store | Promise<Store>,
): Promise<PostgresStoreHarness<Store>> {
  const schema = await createPostgresTestSchema();
  const pools: pg.Pool[] = [];
  try {
    return {
      store: await open(schema.pool),
      pool: schema.pool,
      url: schema.url,
      async openAnother() {
        const pool = await openPostgresPool({ url: schema.url, maxConnections: 4, migrate: false });
        pools.push(pool);
        return open(pool);
      },
      async cleanup() {
        for (const pool of pools.splice(0)) await pool.end().catch(() => undefined);
        await schema.cleanup();
      },
    };
  } catch (error) {
    await schema.cleanup();
    throw error;
  }
}
