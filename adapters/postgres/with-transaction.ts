import type { Pool, PoolClient } from 'pg';
import { mapPostgresError } from './map-postgres-error.js';

/**
 * Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back when it
 * throws (the error comes back mapped). The connection always returns to the pool; one whose rollback failed
 * is destroyed rather than handed to the next caller in an unknown state.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapPostgresError(error);
  }
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    throw mapPostgresError(error);
  } finally {
    client.release(broken);
  }
}
