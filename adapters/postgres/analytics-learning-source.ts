import type { Pool } from 'pg';
import { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { LearningSource } from '../../server/analytics/learning-source.js';
import { mapPostgresError } from './map-postgres-error.js';

// bigint columns come back as text; event ids stay far below 2^53.
const EventIdSchema = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);
const AnswerRowSchema = z.object({
  event_id: EventIdSchema,
  conversation_id: z.string(),
  sequence: z.number(),
});
const EventRowSchema = z.object({ sequence: z.number(), at: z.string(), body: z.unknown() });

/**
 * Reads `conversation_events` by event id, so each scan starts where the last one stopped.
 *
 * Event ids come from a sequence, and with several writers a smaller id can commit after a larger one was
 * read; run the scan on one node at a time (as the learning loop does within a process).
 */
export function createPostgresLearningSource(options: { pool: Pool }): LearningSource {
  const { pool } = options;
  const query = async (text: string, values: unknown[]): Promise<unknown[]> => {
    try {
      return (await pool.query<Record<string, unknown>>(text, values)).rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async knowledgeAnswersSince(afterEventId, limit) {
      const rows = await query(
        `SELECT event_id, conversation_id, sequence FROM conversation_events
          WHERE event_id > $1 AND type = 'agent-message'
            AND jsonb_typeof(body -> 'entryIds') = 'array' AND jsonb_array_length(body -> 'entryIds') > 0
          ORDER BY event_id LIMIT $2`,
        [afterEventId, limit],
      );
      return rows.map((raw) => {
        const row = AnswerRowSchema.parse(raw);
        return { eventId: row.event_id, conversationId: row.conversation_id, sequence: row.sequence };
      });
    },
    async conversationEvents(conversationId, throughSequence) {
      const rows = await query(
        `SELECT sequence, at, body FROM conversation_events
          WHERE conversation_id = $1 AND sequence <= $2 ORDER BY sequence`,
        [conversationId, throughSequence],
      );
      return rows.flatMap((raw) => {
        const row = EventRowSchema.parse(raw);
        // Event types this version does not know (written by a newer one) cannot hold a proposal.
        const parsed = ConversationEventSchema.safeParse(row.body);
        return parsed.success ? [{ sequence: row.sequence, at: row.at, event: parsed.data }] : [];
      });
    },
    async latestEventId() {
      const [row] = await query('SELECT coalesce(max(event_id), 0) AS latest FROM conversation_events', []);
      return EventIdSchema.parse((row as { latest: unknown }).latest);
    },
  };
}
