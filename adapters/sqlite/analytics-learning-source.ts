import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { LearningSource } from '../../server/analytics/learning-source.js';
import { mapSqliteError } from './map-sqlite-error.js';

const AnswerRowSchema = z.object({ event_id: z.number(), conversation_id: z.string(), sequence: z.number() });
const EventRowSchema = z.object({ sequence: z.number(), at: z.string(), body: z.string() });

/** Reads `conversation_events` by event id, so each scan starts where the last one stopped. */
export function createSqliteLearningSource(options: { database: Database }): LearningSource {
  const { database } = options;
  const answers = database.prepare(
    `SELECT event_id, conversation_id, sequence FROM conversation_events
      WHERE event_id > ? AND type = 'agent-message' AND json_array_length(body, '$.entryIds') > 0
      ORDER BY event_id LIMIT ?`,
  );
  const events = database.prepare(
    `SELECT sequence, at, body FROM conversation_events
      WHERE conversation_id = ? AND sequence <= ? ORDER BY sequence`,
  );
  const latest = database.prepare('SELECT coalesce(max(event_id), 0) FROM conversation_events').pluck();
  // Async like the PostgreSQL source; errors come back as rejections, mapped.
  const run = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof LivedeskError ? error : mapSqliteError(error));
    }
  };
  return {
    knowledgeAnswersSince: (afterEventId, limit) =>
      run(() =>
        answers.all(afterEventId, limit).map((raw) => {
          const row = AnswerRowSchema.parse(raw);
          return { eventId: row.event_id, conversationId: row.conversation_id, sequence: row.sequence };
        }),
      ),
    conversationEvents: (conversationId, throughSequence) =>
      run(() =>
        events.all(conversationId, throughSequence).flatMap((raw) => {
          const row = EventRowSchema.parse(raw);
          // Event types this version does not know (written by a newer one) cannot hold a proposal.
          const parsed = ConversationEventSchema.safeParse(JSON.parse(row.body));
          return parsed.success ? [{ sequence: row.sequence, at: row.at, event: parsed.data }] : [];
        }),
      ),
    latestEventId: () => run(() => latest.get() as number),
  };
}
