import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { DisputeSchema, type Dispute, type DisputeStatus } from '../../engine/disputes/dispute.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapSqliteError } from './map-sqlite-error.js';

const DisputeRowSchema = z.object({
  dispute_id: z.string(),
  conversation_id: z.string(),
  viewer_id: z.string(),
  form_id: z.string(),
  client_id: z.string(),
  kind: z.string(),
  currency: z.string(),
  facts: z.string(),
  decision: z.string(),
  ticket_id: z.string().nullable(),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** A stored row read back through the schema: a row edited by hand fails here, not deep in the flow. */
function disputeOf(row: unknown): Dispute {
  try {
    const parsed = DisputeRowSchema.parse(row);
    return DisputeSchema.parse({
      id: parsed.dispute_id,
      conversationId: parsed.conversation_id,
      viewerId: parsed.viewer_id,
      formId: parsed.form_id,
      clientId: parsed.client_id,
      kind: parsed.kind,
      currency: parsed.currency,
      facts: JSON.parse(parsed.facts) as unknown,
      decision: JSON.parse(parsed.decision) as unknown,
      ticketId: parsed.ticket_id,
      status: parsed.status,
      createdAt: parsed.created_at,
      updatedAt: parsed.updated_at,
    });
  } catch (error) {
    throw new LivedeskError('internal', 'a stored dispute is not valid', { cause: error });
  }
}

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
        const result = insert.run(
          dispute.id,
          dispute.conversationId,
          dispute.viewerId,
          dispute.formId,
          dispute.clientId,
          dispute.kind,
          dispute.currency,
          JSON.stringify(dispute.facts),
          JSON.stringify(dispute.decision),
          dispute.ticketId,
          dispute.status,
          dispute.createdAt,
          dispute.updatedAt,
        );
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
