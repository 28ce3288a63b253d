import type { ConversationEvent } from '../conversation/conversation-events.js';
import type { ConversationEventLog } from '../ports.js';

const PAGE = 1000;

/** Every stored event of a conversation, oldest first, read page by page however long it grew. */
export async function readConversationEvents(
  log: ConversationEventLog<ConversationEvent>,
  conversationId: string,
): Promise<ConversationEvent[]> {
  const events: ConversationEvent[] = [];
  let afterSequence = 0;
  for (;;) {
    const page = await log.read(conversationId, { afterSequence, limit: PAGE });
    for (const stored of page) events.push(stored.event);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return events;
    afterSequence = last.sequence;
  }
}
