import { z } from 'zod';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { eventSchema } from './event-schema.js';

const StateSchema = z.enum(['ai', 'pending_human', 'human', 'closed']);

/**
 * The conversation events a viewer may see. An allow-list: the desk's record, the handoff packet's
 * reasons, sentiment and summary, transition reasons and record-only events stay on the server, and so
 * does any event type added later until it is listed here.
 */
export const ViewerEventSchema = z.discriminatedUnion('type', [
  eventSchema('conversation-opened'),
  eventSchema('turn-start'),
  eventSchema('text-delta'),
  eventSchema('answer-source'),
  eventSchema('clarify'),
  eventSchema('decline'),
  /** People are being brought in; what triggered it is not the viewer's to read. */
  z.object({ type: z.literal('handoff'), turnId: z.string() }),
  eventSchema('turn-end'),
  eventSchema('speech-stop'),
  eventSchema('speech-resume'),
  z.object({ type: z.literal('state-change'), from: StateSchema, to: StateSchema, at: z.string() }),
  eventSchema('viewer-message'),
  eventSchema('agent-message'),
  eventSchema('system-message'),
  eventSchema('queue-status'),
  eventSchema('satisfaction-request'),
  eventSchema('satisfaction'),
]);
export type ViewerEvent = z.infer<typeof ViewerEventSchema>;

/** What the viewer gets of an event: a reduced copy, or nothing for what is internal. */
export function toViewerEvent(event: ConversationEvent): ViewerEvent | undefined {
  switch (event.type) {
    case 'handoff':
      return { type: 'handoff', turnId: event.turnId };
    case 'state-change':
      return { type: 'state-change', from: event.from, to: event.to, at: event.at };
    case 'agent-message': {
      // The console's id for the reply stays between the console and the server.
      const { clientMessageId, ...shown } = event;
      void clientMessageId;
      return shown;
    }
    case 'conversation-opened':
    case 'turn-start':
    case 'text-delta':
    case 'answer-source':
    case 'clarify':
    case 'decline':
    case 'turn-end':
    case 'speech-stop':
    case 'speech-resume':
    case 'viewer-message':
    case 'system-message':
    case 'queue-status':
    case 'satisfaction-request':
    case 'satisfaction':
      return event;
    default:
      return undefined;
  }
}
