import { z } from 'zod';
import type { ConversationEvent } from '../conversation/conversation-events.js';
import { SatisfactionScoreSchema } from '../conversation/conversation-event-schema.js';

export const SatisfactionRatingSchema = z.object({
  score: SatisfactionScoreSchema,
  comment: z.string().optional(),
  at: z.string(),
});
export type SatisfactionRating = z.infer<typeof SatisfactionRatingSchema>;

export const ConversationSatisfactionSchema = z.object({
  /** The viewer was asked for a score at least once. */
  requested: z.boolean(),
  /** Asked after the latest close and not answered yet. */
  awaiting: z.boolean(),
  /** The latest score the viewer gave; null when none. */
  rating: SatisfactionRatingSchema.nullable(),
  /** Every score, oldest first: a conversation closed, reopened and closed again is rated twice. */
  ratings: z.array(SatisfactionRatingSchema),
});
export type ConversationSatisfaction = z.infer<typeof ConversationSatisfactionSchema>;

/** What the viewer said about a conversation, read from its stored events. */
export function conversationSatisfaction(events: readonly ConversationEvent[]): ConversationSatisfaction {
  const ratings: SatisfactionRating[] = [];
  let requested = false;
  let awaiting = false;
  for (const event of events) {
    if (event.type === 'satisfaction-request') {
      requested = true;
      awaiting = true;
    } else if (event.type === 'satisfaction') {
      awaiting = false;
      ratings.push({
        score: event.score,
        ...(event.comment !== undefined ? { comment: event.comment } : {}),
        at: event.at,
      });
    }
  }
  return { requested, awaiting, rating: ratings.at(-1) ?? null, ratings };
}
