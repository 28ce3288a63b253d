import type { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';

type EventOption = (typeof ConversationEventSchema.options)[number];
type EventSchemaOf<T extends ConversationEvent['type']> = Extract<
  EventOption,
  { shape: { type: z.ZodLiteral<T> } }
>;

/** The stored-event schema of one type, so wire formats built from it cannot drift from the engine's. */
export function eventSchema<T extends ConversationEvent['type']>(type: T): EventSchemaOf<T> {
  const option = ConversationEventSchema.options.find((candidate) => candidate.shape.type.value === type);
  if (!option) throw new Error(`no conversation event schema for ${type}`);
  return option as EventSchemaOf<T>;
}
