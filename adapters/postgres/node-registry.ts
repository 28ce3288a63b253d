import type { Pool } from 'pg';
import { z } from 'zod';
import type { NodeRegistry } from '../../server/cluster/node-registry.js';
import { mapPostgresError } from './map-postgres-error.js';

const NodeRowSchema = z.object({
  node_id: z.string(),
  url: z.string().nullable(),
  silent_for_ms: z.coerce.number(),
});

/** Node heartbeats in `cluster_nodes` (migration 6), timed by the database's clock. */
export function createPostgresNodeRegistry(options: { pool: Pool }): NodeRegistry {
  const { pool } = options;
  const query = async (text: string, values: unknown[]) => {
    try {
      return await pool.query<Record<string, unknown>>(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async heartbeat({ nodeId, url }) {
      await query(
        `INSERT INTO cluster_nodes (node_id, url, last_seen) VALUES ($1, $2, now())
         ON CONFLICT (node_id) DO UPDATE SET url = EXCLUDED.url, last_seen = EXCLUDED.last_seen`,
        [nodeId, url ?? null],
      );
    },
    async liveNodes({ withinMs }) {
      const result = await query(
        `SELECT node_id, url, (extract(epoch FROM now() - last_seen) * 1000)::float8 AS silent_for_ms
           FROM cluster_nodes WHERE last_seen >= now() - $1::double precision * interval '1 millisecond'
          ORDER BY node_id`,
        [withinMs],
      );
      return result.rows.map((row) => {
        const parsed = NodeRowSchema.parse(row);
        return {
          nodeId: parsed.node_id,
          ...(parsed.url === null ? {} : { url: parsed.url }),
          silentForMs: Math.max(0, parsed.silent_for_ms),
        };
      });
    },
    async leave(nodeId) {
      await query('DELETE FROM cluster_nodes WHERE node_id = $1', [nodeId]);
    },
  };
}
