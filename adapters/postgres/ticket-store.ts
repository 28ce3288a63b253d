import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import type { TicketChange } from '../../engine/tickets/apply-ticket-update.js';
import type { TicketFilter, TicketPage, TicketStore } from '../../engine/tickets/ticket-store.js';
import {
  TicketHistoryEntrySchema,
  TicketSchema,
  type Ticket,
  type TicketHistoryEntry,
} from '../../engine/tickets/ticket.js';
import { ticketFilterClauses, ticketInsertValues, ticketReplaceValues } from '../shared/ticket-rows.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const BodyRowSchema = z.object({ body: z.unknown() });
const PageRowSchema = z.object({ body: z.unknown(), total: z.coerce.number().int().min(0) });
const CountRowSchema = z.object({ total: z.coerce.number().int().min(0) });

/**
 * Tickets in the shared PostgreSQL database; a ticket and its history rows are written in one transaction.
 * Nodes race safely: `replace` updates only while the stored version is the expected one (the row lock makes
 * a concurrent second update re-read the version and lose), and the unclosed-ticket-per-conversation rule is
 * a unique index, so a concurrent twin fails with `conflict`.
 */
export function createPostgresTicketStore(options: { pool: Pool }): TicketStore {
  const { pool } = options;
  return {
    insert: (change) =>
      withTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO tickets (ticket_id, version, status, department, priority, assignee_id, conversation_id,
             created_at, updated_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          ticketInsertValues(change.ticket),
        );
        await insertHistory(client, change.history);
      }),
    replace: (change: TicketChange, expectedVersion: number) =>
      withTransaction(pool, async (client) => {
        const result = await client.query(
          `UPDATE tickets SET version = $1, status = $2, department = $3, priority = $4, assignee_id = $5,
             updated_at = $6, body = $7 WHERE ticket_id = $8 AND version = $9`,
          ticketReplaceValues(change.ticket, expectedVersion),
        );
        if (result.rowCount === 0) return false;
        await insertHistory(client, change.history);
        return true;
      }),
    appendHistory: (entries) => withTransaction(pool, (client) => insertHistory(client, entries)),
    async get(id) {
      const result = await query(pool, 'SELECT body FROM tickets WHERE ticket_id = $1', [id]);
      const row = result.rows[0];
      return row === undefined ? undefined : parseTicket(row);
    },
    async history(id) {
      const result = await query(
        pool,
        'SELECT body FROM ticket_history WHERE ticket_id = $1 ORDER BY history_id',
        [id],
      );
      return result.rows.map((row) => TicketHistoryEntrySchema.parse(BodyRowSchema.parse(row).body));
    },
    list: (filter, page) => list(pool, filter, page),
  };
}

/** One statement for all rows, so a batch is one round trip and keeps its order. */
async function insertHistory(client: PoolClient, entries: readonly TicketHistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO ticket_history (ticket_id, at, body)
       SELECT entry->>'ticketId', entry->>'at', entry FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS
         entries (entry, position) ORDER BY position`,
    [JSON.stringify(entries)],
  );
}

async function list(
  pool: Pool,
  filter: TicketFilter,
  page: { limit: number; offset: number },
): Promise<TicketPage> {
  const values: (string | number)[] = [];
  const clauses = ticketFilterClauses(filter, (value) => {
    values.push(value);
    return `$${values.length}`;
  });
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  // The window count is taken before LIMIT, so the page and its total come from one snapshot.
  const result = await query(
    pool,
    `SELECT body, count(*) OVER () AS total FROM tickets ${where}
      ORDER BY created_at DESC, ticket_id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, page.limit, page.offset],
  );
  const rows = result.rows.map((row) => PageRowSchema.parse(row));
  if (rows.length > 0) {
    return { tickets: rows.map((row) => TicketSchema.parse(row.body)), total: rows[0]!.total };
  }
  if (page.offset === 0) return { tickets: [], total: 0 };
  // A page past the end has no rows to carry the total.
  const counted = await query(pool, `SELECT count(*) AS total FROM tickets ${where}`, values);
  return { tickets: [], total: CountRowSchema.parse(counted.rows[0]).total };
}

/** A row that does not parse is corrupted data: an error, never a wrong ticket. */
function parseTicket(row: unknown): Ticket {
  return TicketSchema.parse(BodyRowSchema.parse(row).body);
}

async function query(pool: Pool, text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }> {
  try {
    return await pool.query(text, [...values]);
  } catch (error) {
    throw mapPostgresError(error);
  }
}
