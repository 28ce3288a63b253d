import type { Conversation } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { isRecorded } from '../../engine/conversation/conversation-hub.js';
import type { AppendOutcome } from './observed-event-log.js';

/** One event ready for the wire: persisted events carry their log sequence, live-only ones none. */
export interface SequencedEvent {
  sequence?: number;
  event: ConversationEvent;
}

export type ChannelSubscriber = (item: SequencedEvent) => void;

interface Pending {
  event: ConversationEvent;
  /** False until the log has answered; true at once for live-only events, which the hub does not log. */
  settled: boolean;
  sequence?: number;
}

interface Batch {
  items: Pending[];
  resolve: (items: SequencedEvent[]) => void;
}

/** Who a conversation belongs to; `roomId` when known. */
export interface ConversationOwner {
  viewerId: string;
  roomId?: string | undefined;
}

/**
 * The live side of one conversation: its viewer's sockets, the agents watching it and the desk all
 * subscribe here, and an ordered outbox feeds them. A persisted event leaves only once committed (with
 * its sequence), and nothing overtakes it, so every client sees the conversation's events in the order
 * they happened.
 */
export class ConversationChannel {
  readonly conversationId: string;
  private conversationValue: Conversation | undefined;
  private ownerValue: ConversationOwner | undefined;
  private readonly outbox: Pending[] = [];
  private readonly subscribers = new Set<ChannelSubscriber>();
  private readonly batches = new Set<Batch>();
  private capturing: Pending[] | undefined;
  private flushing = false;

  constructor(conversationId: string) {
    this.conversationId = conversationId;
  }

  get conversation(): Conversation {
    if (!this.conversationValue)
      throw new Error('conversation channel used before its conversation was opened');
    return this.conversationValue;
  }

  get owner(): ConversationOwner {
    return this.ownerValue ?? { viewerId: this.conversation.profile.viewerId };
  }

  attach(conversation: Conversation, owner?: ConversationOwner): void {
    this.conversationValue = conversation;
    this.ownerValue = owner;
  }

  /** Sockets and services following the conversation. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: ChannelSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** The hub's listener: every event of the conversation, in order. */
  /** Whether every event pushed so far has been sent (nothing waits for its commit). */
  get settled(): boolean {
    return this.outbox.length === 0;
  }

  push(event: ConversationEvent): void {
    const pending: Pending = { event, settled: !isRecorded(event) };
    this.outbox.push(pending);
    this.capturing?.push(pending);
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

  /**
   * Runs `change` (synchronous) and resolves, once every event it caused on this conversation has been
   * committed and sent to the subscribers, to those events with their sequences. An event whose append
   * failed comes back without a sequence: it was not committed, so the caller must not acknowledge it.
   */
  commit(change: () => void): Promise<SequencedEvent[]> {
    const outer = this.capturing;
    const items: Pending[] = [];
    this.capturing = items;
    try {
      change();
    } finally {
      this.capturing = outer;
      outer?.push(...items);
    }
    return new Promise((resolve) => {
      const batch: Batch = { items, resolve };
      this.batches.add(batch);
      this.resolveBatches();
    });
  }

  /** Resolves once every event pushed so far has been committed (or failed) and sent to the subscribers. */
  whenSent(): Promise<void> {
    if (this.outbox.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.batches.add({ items: [...this.outbox], resolve: () => resolve() });
      this.resolveBatches();
    });
  }

  /**
   * Not re-entrant: a subscriber that reacts by emitting (the desk records its events on the
   * conversation) only adds to the outbox, and the loop already running delivers it after the event
   * every subscriber is still being given.
   */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.outbox[0]?.settled === true) {
        const item = sequenced(this.outbox.shift()!);
        for (const subscriber of this.subscribers) subscriber(item);
      }
    } finally {
      this.flushing = false;
    }
    this.resolveBatches();
  }

  /** A batch is done once all its events have left the outbox, i.e. were sent. */
  private resolveBatches(): void {
    for (const batch of this.batches) {
      if (batch.items.some((item) => this.outbox.includes(item))) continue;
      this.batches.delete(batch);
      batch.resolve(batch.items.map(sequenced));
    }
  }
}

function sequenced(pending: Pending): SequencedEvent {
  return pending.sequence === undefined
    ? { event: pending.event }
    : { sequence: pending.sequence, event: pending.event };
}
