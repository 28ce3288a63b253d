import type { ConversationEvent } from '../conversation/conversation-events.js';
import type { QuickReplyVariable } from './quick-reply-template.js';

export type QuickReplyValues = Partial<Record<QuickReplyVariable, string>>;

/**
 * The quick-reply variables a conversation's stored events answer: the viewer's name, the room and the
 * streamer (latest handoff first, else the opening), the conversation and its ticket. A value the events
 * do not hold is left out, so rendering reports it as missing instead of guessing.
 */
export function quickReplyValues(input: {
  conversationId: string;
  events: readonly ConversationEvent[];
  ticketId?: string | undefined;
}): QuickReplyValues {
  const opened = input.events.find((event) => event.type === 'conversation-opened');
  const packet = input.events.findLast((event) => event.type === 'handoff')?.packet;
  const viewerName = packet?.viewer.displayName ?? opened?.profile.displayName;
  const roomId = packet?.liveContext.roomId ?? opened?.liveContext.roomId;
  const streamerName = packet?.liveContext.streamerName ?? opened?.liveContext.streamerName;
  return {
    conversationId: input.conversationId,
    ...(viewerName !== undefined ? { viewerName } : {}),
    ...(roomId !== undefined ? { roomId } : {}),
    ...(streamerName !== undefined ? { streamerName } : {}),
    ...(input.ticketId !== undefined ? { ticketId: input.ticketId } : {}),
  };
}
