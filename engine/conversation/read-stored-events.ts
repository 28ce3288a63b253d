import { throwIfAborted } from '../../knowledge/errors.js';
import type { ConversationEventLog, StoredConversationEvent } from '../ports.js';

/** Events read per call: a long conversation is read in pages, never in one unbounded query. */
const PAGE_SIZE = 1000;

/** Every stored event of a conversation after `afterSequence` (default: all), oldest first. */
export async function readStoredEvents<Event>(
  log: ConversationEventLog<Event>,
  conversationId: string,
  options: { afterSequence?: number; signal?: AbortSignal | undefined } = {},
): Promise<StoredConversationEvent<Event>[]> {
  const events: StoredConversationEvent<Event>[] = [];
  for (let afterSequence = options.afterSequence ?? 0; ;) {
    throwIfAborted(options.signal);
    const page = await log.read(conversationId, { afterSequence, limit: PAGE_SIZE });
    events.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE_SIZE || !last) return events;
    afterSequence = last.sequence;
  }
}
