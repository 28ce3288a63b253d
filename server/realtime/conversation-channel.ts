import type { Conversation } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { isRecorded } from '../../engine/conversation/conversation-hub.js';
import { LivedeskError } from '../../knowledge/errors.js';
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

/** Message ids a conversation remembers for recognising resends (rebuilt from the log after a restart). */
const MAX_REMEMBERED_MESSAGES = 1000;

const replyKey = (agentId: string, clientMessageId: string) => JSON.stringify([agentId, clientMessageId]);

/** Keeps `key`'s sequence; a store that fails (no sequence) is forgotten, so a resend is stored. */
function remember(
  stored: Map<string, Promise<number | undefined>>,
  key: string,
  sequence: Promise<number | undefined>,
): void {
  stored.set(key, sequence);
  void sequence.then((settled) => {
    if (settled === undefined && stored.get(key) === sequence) stored.delete(key);
  });
  // Oldest first: a client resends within moments, not after thousands of messages.
  if (stored.size > MAX_REMEMBERED_MESSAGES) {
    const oldest = stored.keys().next().value;
    if (oldest !== undefined) stored.delete(oldest);
  }
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
  private detachedValue = false;
  /** Viewer messages by `clientMessageId`: the sequence they were stored at (undefined while being stored). */
  private readonly storedMessages = new Map<string, Promise<number | undefined>>();
  /** Agent replies, by agent and `clientMessageId` (agents and the viewer choose ids apart, so apart from theirs). */
  private readonly storedReplies = new Map<string, Promise<number | undefined>>();

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

  /**
   * The sequence a viewer message with this `clientMessageId` was stored at (a promise while it is being
   * stored); undefined when this conversation has not stored it, so a resend is acknowledged, not stored again.
   */
  storedMessage(clientMessageId: string): Promise<number | undefined> | undefined {
    return this.storedMessages.get(clientMessageId);
  }

  /** Remembers a viewer message's id; a store that fails (no sequence) is forgotten, so a resend is stored. */
  rememberMessage(clientMessageId: string, sequence: Promise<number | undefined>): void {
    remember(this.storedMessages, clientMessageId, sequence);
  }

  /** Like `storedMessage`, for an agent's reply: only the agent who sent it is answered from it. */
  storedReply(agentId: string, clientMessageId: string): Promise<number | undefined> | undefined {
    return this.storedReplies.get(replyKey(agentId, clientMessageId));
  }

  rememberReply(agentId: string, clientMessageId: string, sequence: Promise<number | undefined>): void {
    remember(this.storedReplies, replyKey(agentId, clientMessageId), sequence);
  }

  /**
   * The directory let go of the conversation (quiet, or erased): this channel no longer hears the log, so
   * nothing may be committed through it any more. A holder that still needs the conversation loads it again.
   */
  detach(): void {
    this.detachedValue = true;
  }

  get detached(): boolean {
    return this.detachedValue;
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
   * On a detached channel it rejects at once with `not_found`, running nothing: its log would never answer
   * (an erased conversation's would even be written again).
   */
  commit(change: () => void): Promise<SequencedEvent[]> {
    if (this.detachedValue) {
      const gone = Promise.reject<SequencedEvent[]>(
        new LivedeskError(
          'not_found',
          `conversation ${this.conversationId} is no longer held here (erased or let go); nothing was stored`,
        ),
      );
      // Marked handled: a caller that only fires the change off is not crashed; one that awaits still sees it.
      gone.catch(() => undefined);
      return gone;
    }
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
