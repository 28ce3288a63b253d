import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { TicketDepartmentSchema, type TicketDepartment } from '../../engine/tickets/ticket-department.js';
import type { TicketDepartmentStore } from '../../engine/tickets/ticket-department-store.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const BodyRowSchema = z.object({ body: z.unknown() });

/**
 * Ticket departments in the shared PostgreSQL database. Writes take the table's write lock (reads go on):
 * departments change rarely, and serialising the writes means two nodes moving the default at once both
 * succeed in turn instead of one failing on the one-default index, and two nodes seeding a fresh database
 * at start-up seed it once.
 */
export function createPostgresTicketDepartmentStore(options: { pool: Pool }): TicketDepartmentStore {
  const { pool } = options;
  return {
    async list() {
      let rows: unknown[];
      try {
        rows = (await pool.query('SELECT body FROM ticket_departments ORDER BY position, department_id'))
          .rows;
      } catch (error) {
        throw mapPostgresError(error);
      }
      return rows.map((row) => TicketDepartmentSchema.parse(BodyRowSchema.parse(row).body));
    },
    put: (department) =>
      withTransaction(pool, async (client) => {
        await lockForWrites(client);
        await write(client, TicketDepartmentSchema.parse(department));
      }),
    seed: (departments) =>
      withTransaction(pool, async (client) => {
        await lockForWrites(client);
        const existing = await client.query('SELECT 1 FROM ticket_departments LIMIT 1');
        if (existing.rowCount !== 0) return 0;
        for (const department of departments) await write(client, TicketDepartmentSchema.parse(department));
        return departments.length;
      }),
  };
}

/** Conflicts with itself and with every other write, not with reads. */
async function lockForWrites(client: PoolClient): Promise<void> {
  await client.query('LOCK TABLE ticket_departments IN EXCLUSIVE MODE');
}

async function write(client: PoolClient, department: TicketDepartment): Promise<void> {
  if (department.isDefault) {
    await client.query(
      `UPDATE ticket_departments SET is_default = false, body = jsonb_set(body, '{isDefault}', 'false')
        WHERE is_default AND department_id <> $1`,
      [department.id],
    );
  }
  await client.query(
    `INSERT INTO ticket_departments (department_id, position, is_default, updated_at, body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (department_id) DO UPDATE SET position = excluded.position, is_default = excluded.is_default,
       updated_at = excluded.updated_at, body = excluded.body`,
    [
      department.id,
      department.position,
      department.isDefault,
      department.updatedAt,
      JSON.stringify(department),
    ],
  );
}
