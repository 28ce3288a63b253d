import type { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';

type EventOption = (typeof ConversationEventSchema.options)[number];
type HandoffOption = Extract<EventOption, { shape: { type: z.ZodLiteral<'handoff'> } }>;

const isHandoff = (option: EventOption): option is HandoffOption => option.shape.type.value === 'handoff';

const handoffOption = ConversationEventSchema.options.find(isHandoff);
if (!handoffOption) throw new Error('the conversation event schema has no handoff event');

/** The stored handoff packet's schema, taken from the event schema so the two cannot drift apart. */
export const HandoffPacketSchema = handoffOption.shape.packet;
