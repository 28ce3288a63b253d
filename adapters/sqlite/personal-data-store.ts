import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ConversationRewrite, PersonalDataStore } from '../../server/privacy/personal-data-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const IdRowSchema = z.object({ id: z.string() });
const BodyRowSchema = z.object({ key: z.number(), body: z.string() });
const DisputeRowSchema = z.object({ key: z.string(), viewer_id: z.string(), facts: z.string() });
/** Well below SQLite's bound-parameter limit. */
const CHUNK = 500;

/**
 * Erasure and retention over the shared SQLite file. The viewer of a conversation is read from its
 * `conversation-opened` event (the history queries' index on it serves the lookup).
 */
export function createSqlitePersonalDataStore(options: { database: Database }): PersonalDataStore {
  const { database } = options;
  const ids = (sql: string, ...values: unknown[]): string[] =>
    database
      .prepare(sql)
      .all(...values)
      .map((row) => IdRowSchema.parse(row).id);
  const inChunks = <T>(
    all: readonly string[],
    each: (chunk: readonly string[], marks: string) => T[],
  ): T[] => {
    const found: T[] = [];
    for (let index = 0; index < all.length; index += CHUNK) {
      const chunk = all.slice(index, index + CHUNK);
      found.push(...each(chunk, chunk.map(() => '?').join(', ')));
    }
    return found;
  };
  const withEvents = (conversationIds: readonly string[]): string[] =>
    inChunks(conversationIds, (chunk, marks) =>
      ids(
        `SELECT DISTINCT conversation_id AS id FROM conversation_events WHERE conversation_id IN (${marks})`,
        ...chunk,
      ),
    );
  const existingTickets = (ticketIds: readonly string[]): string[] =>
    inChunks(ticketIds, (chunk, marks) =>
      ids(`SELECT ticket_id AS id FROM tickets WHERE ticket_id IN (${marks})`, ...chunk),
    );

  /** What holds the viewer's words beside the events: labels (and their marks), proposals made from them. */
  const deleteDerived = (conversationId: string): void => {
    database.prepare('DELETE FROM signal_label_marks WHERE conversation_id = ?').run(conversationId);
    database.prepare('DELETE FROM signal_desk_labels WHERE conversation_id = ?').run(conversationId);
    // A filed report's dedupe row names the reporter: it goes in both modes.
    database.prepare('DELETE FROM viewer_reports WHERE conversation_id = ?').run(conversationId);
    database
      .prepare('DELETE FROM phrasing_proposals WHERE first_conversation_id = ? OR last_conversation_id = ?')
      .run(conversationId, conversationId);
  };
  const deleteConversations = database.transaction((conversationIds: readonly string[]): number => {
    const present = withEvents(conversationIds);
    for (const id of conversationIds) {
      deleteDerived(id);
      database.prepare('DELETE FROM disputes WHERE conversation_id = ?').run(id);
      database.prepare('DELETE FROM conversation_events WHERE conversation_id = ?').run(id);
      database.prepare('DELETE FROM conversation_sensitivity WHERE conversation_id = ?').run(id);
    }
    return present.length;
  });
  const rewriteConversations = database.transaction(
    (conversationIds: readonly string[], rewrite: ConversationRewrite): number => {
      const present = withEvents(conversationIds);
      const update = database.prepare('UPDATE conversation_events SET body = ? WHERE event_id = ?');
      const updateDispute = database.prepare(
        'UPDATE disputes SET viewer_id = ?, facts = ? WHERE dispute_id = ?',
      );
      for (const id of present) {
        const rows = database
          .prepare('SELECT event_id AS key, body FROM conversation_events WHERE conversation_id = ?')
          .all(id);
        for (const row of rows) {
          const parsed = BodyRowSchema.parse(row);
          update.run(JSON.stringify(rewrite.event(JSON.parse(parsed.body))), parsed.key);
        }
      }
      for (const id of conversationIds) {
        deleteDerived(id);
        const disputes = database
          .prepare('SELECT dispute_id AS key, viewer_id, facts FROM disputes WHERE conversation_id = ?')
          .all(id);
        for (const row of disputes) {
          const parsed = DisputeRowSchema.parse(row);
          const rewritten = rewrite.dispute({ viewerId: parsed.viewer_id, facts: JSON.parse(parsed.facts) });
          updateDispute.run(rewritten.viewerId, JSON.stringify(rewritten.facts), parsed.key);
        }
      }
      return present.length;
    },
  );
  const deleteTickets = database.transaction((ticketIds: readonly string[]): number => {
    const present = existingTickets(ticketIds);
    for (const id of present) {
      database.prepare('DELETE FROM ticket_history WHERE ticket_id = ?').run(id);
      database.prepare('DELETE FROM tickets WHERE ticket_id = ?').run(id);
    }
    return present.length;
  });
  const rewriteTickets = database.transaction(
    (
      ticketIds: readonly string[],
      rewrite: { ticket: (body: unknown) => unknown; history: (body: unknown) => unknown },
    ): number => {
      const present = existingTickets(ticketIds);
      for (const id of present) {
        const ticket = z
          .object({ body: z.string() })
          .parse(database.prepare('SELECT body FROM tickets WHERE ticket_id = ?').get(id));
        database
          .prepare('UPDATE tickets SET body = ? WHERE ticket_id = ?')
          .run(JSON.stringify(rewrite.ticket(JSON.parse(ticket.body))), id);
        const history = database
          .prepare('SELECT history_id AS key, body FROM ticket_history WHERE ticket_id = ?')
          .all(id);
        for (const row of history) {
          const parsed = BodyRowSchema.parse(row);
          database
            .prepare('UPDATE ticket_history SET body = ? WHERE history_id = ?')
            .run(JSON.stringify(rewrite.history(JSON.parse(parsed.body))), parsed.key);
        }
      }
      return present.length;
    },
  );

  return {
    conversationsOfViewer: (viewerId) =>
      run(() =>
        ids(
          `SELECT DISTINCT conversation_id AS id FROM conversation_events
            WHERE type = 'conversation-opened' AND json_extract(body, '$.profile.viewerId') = ?
            ORDER BY at, conversation_id`,
          viewerId,
        ),
      ),
    ticketsOf: (viewerId, conversationIds) =>
      run(() => {
        const found = new Set(
          ids(
            `SELECT ticket_id AS id FROM tickets WHERE json_extract(body, '$.viewer.viewerId') = ?`,
            viewerId,
          ),
        );
        for (const id of inChunks(conversationIds, (chunk, marks) =>
          ids(`SELECT ticket_id AS id FROM tickets WHERE conversation_id IN (${marks})`, ...chunk),
        ))
          found.add(id);
        return [...found].sort();
      }),
    closedConversationsBefore: (before, limit) =>
      run(() =>
        ids(
          `SELECT e.conversation_id AS id FROM conversation_events e
            GROUP BY e.conversation_id
           HAVING max(e.at) < ?
              AND (SELECT json_extract(s.body, '$.to') FROM conversation_events s
                    WHERE s.conversation_id = e.conversation_id AND s.type = 'state-change'
                    ORDER BY s.sequence DESC LIMIT 1) = 'closed'
              AND NOT EXISTS (SELECT 1 FROM conversation_events o
                    WHERE o.conversation_id = e.conversation_id AND o.type = 'conversation-opened'
                      AND json_extract(o.body, '$.profile.viewerId') LIKE 'erased-%')
            ORDER BY max(e.at), e.conversation_id
            LIMIT ?`,
          before,
          limit,
        ),
      ),
    closedTicketsBefore: (before, limit) =>
      run(() =>
        ids(
          `SELECT ticket_id AS id FROM tickets
            WHERE status = 'closed' AND updated_at < ?
              AND NOT EXISTS (SELECT 1 FROM json_each(tickets.body, '$.tags') WHERE value = 'anonymised')
            ORDER BY updated_at, ticket_id LIMIT ?`,
          before,
          limit,
        ),
      ),
    deleteConversations: (conversationIds) => run(() => deleteConversations.immediate(conversationIds)),
    rewriteConversations: (conversationIds, rewrite) =>
      run(() => rewriteConversations.immediate(conversationIds, rewrite)),
    deleteTickets: (ticketIds) => run(() => deleteTickets.immediate(ticketIds)),
    rewriteTickets: (ticketIds, rewrite) => run(() => rewriteTickets.immediate(ticketIds, rewrite)),
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
