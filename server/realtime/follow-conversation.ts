import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { StoredConversationEvent } from '../../engine/ports.js';
import type { ConversationChannel, SequencedEvent } from './conversation-channel.js';

export interface FollowOptions {
  channel: ConversationChannel;
  /** Replay the stored events after this sequence first; undefined: live events only. */
  replayAfter: number | undefined;
  read: (
    conversationId: string,
    afterSequence: number,
  ) => Promise<StoredConversationEvent<ConversationEvent>[]>;
  send: (item: SequencedEvent) => void;
}

/**
 * Subscribes first, holding live events back, then sends what the log has after `replayAfter`, then
 * the held events it did not already send: nothing missed, nothing twice. Resolves to the unsubscribe.
 */
export async function followConversation(options: FollowOptions): Promise<() => void> {
  const { channel, send } = options;
  if (options.replayAfter === undefined) return channel.subscribe(send);
  const held: SequencedEvent[] = [];
  let live = false;
  const unsubscribe = channel.subscribe((item) => (live ? send(item) : held.push(item)));
  let sentUpTo = options.replayAfter;
  try {
    for (const stored of await options.read(channel.conversationId, sentUpTo)) {
      send({ sequence: stored.sequence, event: stored.event });
      sentUpTo = stored.sequence;
    }
  } catch (error) {
    unsubscribe();
    throw error;
  }
  for (const item of held) {
    if (item.sequence === undefined || item.sequence > sentUpTo) send(item);
  }
  live = true;
  return unsubscribe;
}
