import type { Database } from 'better-sqlite3';
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
import { mapSqliteError } from './map-sqlite-error.js';

const BodyRowSchema = z.object({ body: z.string() });
const CountRowSchema = z.object({ total: z.number() });

/** Tickets in the shared SQLite file; a ticket and its history rows are written in one transaction. */
export function createSqliteTicketStore(options: { database: Database }): TicketStore {
  const { database } = options;
  const insertTicket = database.prepare(
    `INSERT INTO tickets (ticket_id, version, status, department, priority, assignee_id, conversation_id,
       created_at, updated_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const replaceTicket = database.prepare(
    `UPDATE tickets SET version = ?, status = ?, department = ?, priority = ?, assignee_id = ?,
       updated_at = ?, body = ? WHERE ticket_id = ? AND version = ?`,
  );
  const insertHistory = database.prepare('INSERT INTO ticket_history (ticket_id, at, body) VALUES (?, ?, ?)');
  const selectTicket = database.prepare<[string], unknown>('SELECT body FROM tickets WHERE ticket_id = ?');
  const selectHistory = database.prepare<[string], unknown>(
    'SELECT body FROM ticket_history WHERE ticket_id = ? ORDER BY history_id',
  );

  const appendHistory = (entries: readonly TicketHistoryEntry[]): void => {
    for (const entry of entries) insertHistory.run(entry.ticketId, entry.at, JSON.stringify(entry));
  };
  const insert = database.transaction((change: TicketChange) => {
    insertTicket.run(...ticketInsertValues(change.ticket));
    appendHistory(change.history);
  });
  const replace = database.transaction((change: TicketChange, expectedVersion: number): boolean => {
    const result = replaceTicket.run(...ticketReplaceValues(change.ticket, expectedVersion));
    if (result.changes === 0) return false;
    appendHistory(change.history);
    return true;
  });
  const append = database.transaction(appendHistory);

  return {
    insert: (change) => run(() => insert.immediate(change)),
    replace: (change, expectedVersion) => run(() => replace.immediate(change, expectedVersion)),
    appendHistory: (entries) => run(() => append.immediate(entries)),
    get: (id) =>
      run(() => {
        const row = selectTicket.get(id);
        return row === undefined ? undefined : parseTicket(row);
      }),
    history: (id) =>
      run(() =>
        selectHistory
          .all(id)
          .map((row) => TicketHistoryEntrySchema.parse(JSON.parse(BodyRowSchema.parse(row).body))),
      ),
    list: (filter, page) => run(() => list(database, filter, page)),
  };
}

function list(database: Database, filter: TicketFilter, page: { limit: number; offset: number }): TicketPage {
  const values: (string | number)[] = [];
  const clauses = ticketFilterClauses(filter, (value) => {
    values.push(value);
    return '?';
  });
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const total = CountRowSchema.parse(
    database.prepare(`SELECT count(*) AS total FROM tickets ${where}`).get(...values),
  ).total;
  const tickets = database
    .prepare(`SELECT body FROM tickets ${where} ORDER BY created_at DESC, ticket_id DESC LIMIT ? OFFSET ?`)
    .all(...values, page.limit, page.offset)
    .map(parseTicket);
  return { tickets, total };
}

/** A row that does not parse is a corrupted file: an error, never a wrong ticket. */
function parseTicket(row: unknown): Ticket {
  return TicketSchema.parse(JSON.parse(BodyRowSchema.parse(row).body));
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
