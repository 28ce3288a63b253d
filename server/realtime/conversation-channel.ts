import type { Conversation } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { AppendOutcome } from './observed-event-log.js';

/** One event ready for the wire: persisted events carry their log sequence, streamed text none. */
export interface SequencedEvent {
  sequence?: number;
  event: ConversationEvent;
}

export type ChannelSubscriber = (item: SequencedEvent) => void;

interface Pending {
  event: ConversationEvent;
  /** False until the log has answered (always true for streamed text, which is not logged). */
  settled: boolean;
  sequence?: number;
}

/**
 * The live side of one conversation: its viewer, the sockets watching it, and an ordered outbox.
 * A persisted event leaves only once committed (with its sequence), and nothing overtakes it, so
 * every client sees the conversation's events in the order they happened.
 */
export class ConversationChannel {
  readonly viewerId: string;
  private conversationValue: Conversation | undefined;
  private readonly outbox: Pending[] = [];
  private readonly subscribers = new Set<ChannelSubscriber>();

  constructor(viewerId: string) {
    this.viewerId = viewerId;
  }

  get conversation(): Conversation {
    if (!this.conversationValue)
      throw new Error('conversation channel used before its conversation was opened');
    return this.conversationValue;
  }

  attach(conversation: Conversation): void {
    this.conversationValue = conversation;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: ChannelSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** The hub's listener: every event of the conversation, in order. */
  push(event: ConversationEvent): void {
    this.outbox.push({ event, settled: event.type === 'text-delta' });
    this.flush();
  }

  /** The log's answer for an event pushed earlier. A failed append still goes out live, without a sequence. */
  settle(outcome: AppendOutcome<ConversationEvent>): void {
    const pending = this.outbox.find((item) => item.event === outcome.event && !item.settled);
    if (!pending) return;
    pending.settled = true;
    if (outcome.sequence !== undefined) pending.sequence = outcome.sequence;
    this.flush();
  }

  private flush(): void {
    while (this.outbox[0]?.settled === true) {
      const next = this.outbox.shift()!;
      const item: SequencedEvent =
        next.sequence === undefined ? { event: next.event } : { sequence: next.sequence, event: next.event };
      for (const subscriber of this.subscribers) subscriber(item);
    }
  }
}
