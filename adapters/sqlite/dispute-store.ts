import type { Database } from 'better-sqlite3';
import type { Dispute, DisputeStatus } from '../../engine/disputes/dispute.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import { disputeInsertValues, disputeOfRow } from '../shared/dispute-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

const disputeOf = (row: unknown): Dispute => disputeOfRow(row, 'text');

/** Submitted disputes in the Livedesk SQLite file. */
export function createSqliteDisputeStore(options: { database: Database }): DisputeStore {
  const { database } = options;
  const insert = database.prepare(
    `INSERT INTO disputes (dispute_id, conversation_id, viewer_id, form_id, client_id, kind, currency, facts,
       decision, ticket_id, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (form_id) DO NOTHING`,
  );
  const byId = database.prepare('SELECT * FROM disputes WHERE dispute_id = ?');
  const byForm = database.prepare('SELECT * FROM disputes WHERE form_id = ?');
  const byTicket = database.prepare('SELECT * FROM disputes WHERE ticket_id = ?');
  const byConversation = database.prepare(
    'SELECT * FROM disputes WHERE conversation_id = ? ORDER BY created_at, dispute_id',
  );
  const linkTicket = database.prepare(
    'UPDATE disputes SET ticket_id = ?, updated_at = ? WHERE dispute_id = ?',
  );
  const writeStatus = database.prepare('UPDATE disputes SET status = ?, updated_at = ? WHERE dispute_id = ?');
  const run = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(mapSqliteError(error));
    }
  };
  return {
    insert: (dispute: Dispute) =>
      run(() => {
        const result = insert.run(...disputeInsertValues(dispute));
        if (result.changes === 1) return { inserted: true as const };
        return { inserted: false as const, existing: disputeOf(byForm.get(dispute.formId)) };
      }),
    get: (id) =>
      run(() => {
        const row = byId.get(id);
        return row === undefined ? undefined : disputeOf(row);
      }),
    findByTicket: (ticketId) =>
      run(() => {
        const row = byTicket.get(ticketId);
        return row === undefined ? undefined : disputeOf(row);
      }),
    setTicket: (id, ticketId, at) => run(() => linkTicket.run(ticketId, at, id).changes === 1),
    setStatus: (id, status: DisputeStatus, at) => run(() => writeStatus.run(status, at, id).changes === 1),
    listByConversation: (conversationId) => run(() => byConversation.all(conversationId).map(disputeOf)),
  };
}
