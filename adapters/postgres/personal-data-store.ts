import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import type { ConversationRewrite, PersonalDataStore } from '../../server/privacy/personal-data-store.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const IdRowSchema = z.object({ id: z.string() });
const BodyRowSchema = z.object({ key: z.union([z.string(), z.number()]), body: z.unknown() });
const DisputeRowSchema = z.object({ key: z.string(), viewer_id: z.string(), facts: z.unknown() });

/** Erasure and retention over the shared PostgreSQL database; each call is one transaction. */
export function createPostgresPersonalDataStore(options: { pool: Pool }): PersonalDataStore {
  const { pool } = options;
  const ids = async (client: Pool | PoolClient, sql: string, values: unknown[]): Promise<string[]> => {
    try {
      return (await client.query(sql, values)).rows.map((row) => IdRowSchema.parse(row).id);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  const withEvents = (client: PoolClient, conversationIds: readonly string[]) =>
    ids(
      client,
      'SELECT DISTINCT conversation_id AS id FROM conversation_events WHERE conversation_id = ANY($1::text[])',
      [[...conversationIds]],
    );
  /** What holds the viewer's words beside the events: labels (and their marks), proposals made from them. */
  const deleteDerived = async (client: PoolClient, conversationIds: readonly string[]): Promise<void> => {
    const all = [[...conversationIds]];
    await client.query('DELETE FROM signal_label_marks WHERE conversation_id = ANY($1::text[])', all);
    await client.query('DELETE FROM signal_desk_labels WHERE conversation_id = ANY($1::text[])', all);
    // A filed report's dedupe row names the reporter: it goes in both modes.
    await client.query('DELETE FROM viewer_reports WHERE conversation_id = ANY($1::text[])', all);
    await client.query(
      `DELETE FROM phrasing_proposals
        WHERE first_conversation_id = ANY($1::text[]) OR last_conversation_id = ANY($1::text[])`,
      all,
    );
  };
  const existingTickets = (client: PoolClient, ticketIds: readonly string[]) =>
    ids(client, 'SELECT ticket_id AS id FROM tickets WHERE ticket_id = ANY($1::text[]) FOR UPDATE', [
      [...ticketIds],
    ]);

  return {
    conversationsOfViewer: (viewerId) =>
      ids(
        pool,
        `SELECT conversation_id AS id FROM conversation_events
          WHERE type = 'conversation-opened' AND body->'profile'->>'viewerId' = $1
          GROUP BY conversation_id ORDER BY min(at), conversation_id`,
        [viewerId],
      ),
    async ticketsOf(viewerId, conversationIds) {
      const found = await ids(
        pool,
        `SELECT ticket_id AS id FROM tickets
          WHERE body->'viewer'->>'viewerId' = $1 OR conversation_id = ANY($2::text[])
          ORDER BY ticket_id`,
        [viewerId, [...conversationIds]],
      );
      return found;
    },
    closedConversationsBefore: (before, limit) =>
      ids(
        pool,
        `SELECT e.conversation_id AS id FROM conversation_events e
          GROUP BY e.conversation_id
         HAVING max(e.at) < $1
            AND (SELECT s.body->>'to' FROM conversation_events s
                  WHERE s.conversation_id = e.conversation_id AND s.type = 'state-change'
                  ORDER BY s.sequence DESC LIMIT 1) = 'closed'
            AND NOT EXISTS (SELECT 1 FROM conversation_events o
                  WHERE o.conversation_id = e.conversation_id AND o.type = 'conversation-opened'
                    AND o.body->'profile'->>'viewerId' LIKE 'erased-%')
          ORDER BY max(e.at), e.conversation_id
          LIMIT $2`,
        [before, limit],
      ),
    closedTicketsBefore: (before, limit) =>
      ids(
        pool,
        `SELECT ticket_id AS id FROM tickets
          WHERE status = 'closed' AND updated_at < $1 AND NOT (body->'tags' ? 'anonymised')
          ORDER BY updated_at, ticket_id LIMIT $2`,
        [before, limit],
      ),
    deleteConversations: (conversationIds) =>
      withTransaction(pool, async (client) => {
        const present = await withEvents(client, conversationIds);
        const all = [[...conversationIds]];
        await deleteDerived(client, conversationIds);
        await client.query('DELETE FROM disputes WHERE conversation_id = ANY($1::text[])', all);
        await client.query('DELETE FROM conversation_events WHERE conversation_id = ANY($1::text[])', all);
        await client.query(
          'DELETE FROM conversation_sensitivity WHERE conversation_id = ANY($1::text[])',
          all,
        );
        return present.length;
      }),
    rewriteConversations: (conversationIds, rewrite: ConversationRewrite) =>
      withTransaction(pool, async (client) => {
        const present = await withEvents(client, conversationIds);
        const rows = await client.query(
          'SELECT event_id AS key, body FROM conversation_events WHERE conversation_id = ANY($1::text[]) FOR UPDATE',
          [present],
        );
        for (const row of rows.rows) {
          const parsed = BodyRowSchema.parse(row);
          await client.query('UPDATE conversation_events SET body = $1 WHERE event_id = $2', [
            JSON.stringify(rewrite.event(parsed.body)),
            parsed.key,
          ]);
        }
        await deleteDerived(client, conversationIds);
        const disputes = await client.query(
          'SELECT dispute_id AS key, viewer_id, facts FROM disputes WHERE conversation_id = ANY($1::text[]) FOR UPDATE',
          [[...conversationIds]],
        );
        for (const row of disputes.rows) {
          const parsed = DisputeRowSchema.parse(row);
          const rewritten = rewrite.dispute({ viewerId: parsed.viewer_id, facts: parsed.facts });
          await client.query('UPDATE disputes SET viewer_id = $1, facts = $2 WHERE dispute_id = $3', [
            rewritten.viewerId,
            JSON.stringify(rewritten.facts),
            parsed.key,
          ]);
        }
        return present.length;
      }),
    deleteTickets: (ticketIds) =>
      withTransaction(pool, async (client) => {
        const present = await existingTickets(client, ticketIds);
        await client.query('DELETE FROM ticket_history WHERE ticket_id = ANY($1::text[])', [present]);
        await client.query('DELETE FROM tickets WHERE ticket_id = ANY($1::text[])', [present]);
        return present.length;
      }),
    rewriteTickets: (ticketIds, rewrite) =>
      withTransaction(pool, async (client) => {
        const present = await existingTickets(client, ticketIds);
        const tickets = await client.query(
          'SELECT ticket_id AS key, body FROM tickets WHERE ticket_id = ANY($1::text[])',
          [present],
        );
        for (const row of tickets.rows) {
          const parsed = BodyRowSchema.parse(row);
          await client.query('UPDATE tickets SET body = $1 WHERE ticket_id = $2', [
            JSON.stringify(rewrite.ticket(parsed.body)),
            parsed.key,
          ]);
        }
        const history = await client.query(
          'SELECT history_id AS key, body FROM ticket_history WHERE ticket_id = ANY($1::text[])',
          [present],
        );
        for (const row of history.rows) {
          const parsed = BodyRowSchema.parse(row);
          await client.query('UPDATE ticket_history SET body = $1 WHERE history_id = $2', [
            JSON.stringify(rewrite.history(parsed.body)),
            parsed.key,
          ]);
        }
        return present.length;
      }),
  };
}
