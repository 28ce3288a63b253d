import type { ConversationEvent } from '../conversation/conversation-events.js';
import { readStoredEvents } from '../conversation/read-stored-events.js';
import type { ConversationEventLog } from '../ports.js';

/** Every stored event of a conversation, oldest first, without their log positions. */
export async function readConversationEvents(
  log: ConversationEventLog<ConversationEvent>,
  conversationId: string,
): Promise<ConversationEvent[]> {
  return (await readStoredEvents(log, conversationId)).map((stored) => stored.event);
}
