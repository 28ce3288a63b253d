import { z } from 'zod';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { eventSchema } from './event-schema.js';
import type { MediaLinker } from '../media/media-links.js';

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
  eventSchema('agent-message')
    .omit({ translation: true, untranslatedTo: true })
    .extend({ original: z.string().optional() }),
  eventSchema('system-message'),
  /** An image, sticker, voice clip or file, with links signed as it is sent (issue 17). */
  eventSchema('media-message').extend({ url: z.string().optional(), thumbUrl: z.string().optional() }),
  eventSchema('queue-status'),
  eventSchema('satisfaction-request'),
  eventSchema('satisfaction'),
  eventSchema('dispute-form'),
  /** Why a person settles the dispute is for agents. */
  eventSchema('dispute-update').omit({ reasons: true }),
  /** The agent with the conversation is typing (live only, like streamed text). */
  z.object({ type: z.literal('agent-typing'), active: z.boolean() }),
  /**
   * A person took the conversation (the desk's stored `conversation-accepted`, reduced): the agent's id, as
   * on their messages, and the name their account shows, when known.
   */
  z.object({
    type: z.literal('agent-joined'),
    agentId: z.string(),
    agentName: z.string().optional(),
    at: z.string(),
  }),
]);
export type ViewerEvent = z.infer<typeof ViewerEventSchema>;

/** What the viewer may learn of the staff: the name an agent's account shows. */
export interface ViewerEventContext {
  agentName?: ((agentId: string) => string | undefined) | undefined;
  /** Signed links for media messages (server/media/); without, they go without links. */
  mediaLinks?: MediaLinker | undefined;
}

/** What the viewer gets of an event: a reduced copy, or nothing for what is internal. */
export function toViewerEvent(
  event: ConversationEvent,
  context: ViewerEventContext = {},
): ViewerEvent | undefined {
  switch (event.type) {
    case 'agent-typing':
      return { type: 'agent-typing', active: event.active };
    case 'desk': {
      // Of the desk's record the viewer learns only that a person took the conversation, and who.
      if (event.event.type !== 'conversation-accepted') return undefined;
      const { agentId, at } = event.event;
      const agentName = context.agentName?.(agentId);
      return agentName === undefined
        ? { type: 'agent-joined', agentId, at }
        : { type: 'agent-joined', agentId, agentName, at };
    }
    case 'handoff':
      return { type: 'handoff', turnId: event.turnId };
    case 'state-change':
      return { type: 'state-change', from: event.from, to: event.to, at: event.at };
    case 'agent-message': {
      // The console's id for the reply stays between the console and the server.
      // A translated reply reaches the viewer in their language, the agent's words as `original`.
      const { clientMessageId, translation, untranslatedTo, ...shown } = event;
      void clientMessageId;
      void untranslatedTo;
      return translation ? { ...shown, text: translation.text, original: event.text } : shown;
    }
    case 'media-message':
      // A spoken turn's recording is for the agents: the viewer has their words, and said them.
      if (event.spokenTurn !== undefined) return undefined;
      return { ...event, ...context.mediaLinks?.(event) };
    case 'dispute-update': {
      const { reasons, ...shown } = event;
      void reasons;
      return shown;
    }
    case 'conversation-opened':
    case 'dispute-form':
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
