import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { readStoredEvents } from '../../engine/conversation/read-stored-events.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import type { LiveContext, StoredConversationEvent } from '../../engine/ports.js';
import { ConversationChannel, type SequencedEvent } from '../realtime/conversation-channel.js';
import type { ObservedEventLog } from '../realtime/observed-event-log.js';

export type CommittedEventListener = (conversationId: string, item: SequencedEvent) => void;

export interface ConversationDirectoryOptions {
  hub: ConversationHub;
  /** The log the hub writes to, observed: events go out with their sequence once committed. */
  events: ObservedEventLog<ConversationEvent>;
  /**
   * A conversation nobody follows, with the AI or closed, quiet this long, leaves memory (its log stays;
   * `load` rebuilds it). Default 10 minutes; `sweep` runs every `idleMs / 4`.
   */
  idleMs?: number;
  /**
   * Over this many conversations in memory, the least recently active ones that may leave (as `sweep`
   * judges) leave at once, however recent: a flood of new conversations cannot grow memory without limit.
   * Default 20,000.
   */
  maxLive?: number;
  nowMs?: () => number;
}

/** States in which the desk holds nothing of the conversation, so memory may let it go. */
const EVICTABLE_STATES: ReadonlySet<string> = new Set(['ai', 'closed']);

/**
 * The live conversations of this process, one `ConversationChannel` each, shared by the viewer's
 * sockets, the agents watching and the desk. A conversation the log knows but memory does not (the
 * process restarted) is rebuilt from its log on first use.
 */
export class ConversationDirectory {
  private readonly hub: ConversationHub;
  private readonly events: ObservedEventLog<ConversationEvent>;
  private readonly channels = new Map<string, ConversationChannel>();
  private readonly loading = new Map<string, Promise<ConversationChannel | undefined>>();
  /** Channels whose conversation is being rebuilt: the rebuild itself may emit (and commit) an event. */
  private readonly rebuilding = new Map<string, ConversationChannel>();
  private readonly listeners = new Set<CommittedEventListener>();
  private readonly stopObserving: () => void;
  private readonly lastActivityMs = new Map<string, number>();
  private readonly idleMs: number;
  private readonly maxLive: number;
  private readonly nowMs: () => number;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(options: ConversationDirectoryOptions) {
    this.hub = options.hub;
    this.events = options.events;
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.maxLive = options.maxLive ?? 20_000;
    this.nowMs = options.nowMs ?? (() => Date.now());
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, this.idleMs / 4));
    this.sweeper.unref();
    this.stopObserving = this.events.observe((outcome) =>
      (this.channels.get(outcome.conversationId) ?? this.rebuilding.get(outcome.conversationId))?.settle(
        outcome,
      ),
    );
  }

  /** Starts a new conversation for a viewer. */
  open(request: { profile: ViewerProfile; liveContext: LiveContext }): ConversationChannel {
    // The hub emits `conversation-opened` before it returns the conversation (and its id).
    const early: ConversationEvent[] = [];
    let deliver = (event: ConversationEvent): void => {
      early.push(event);
    };
    const conversation = this.hub.open(request, (event) => deliver(event));
    const channel = this.createChannel(conversation.id);
    channel.attach(conversation, { viewerId: request.profile.viewerId, roomId: request.liveContext.roomId });
    this.channels.set(conversation.id, channel);
    deliver = (event) => channel.push(event);
    for (const event of early) channel.push(event);
    if (this.channels.size > this.maxLive) this.evictQuietest(this.channels.size - this.maxLive);
    return channel;
  }

  /** The conversation if it is live in this process. */
  get(conversationId: string): ConversationChannel | undefined {
    return this.channels.get(conversationId);
  }

  /** The live conversation, or the one rebuilt from its log; undefined when the log has never seen it. */
  load(conversationId: string): Promise<ConversationChannel | undefined> {
    const live = this.channels.get(conversationId);
    if (live) return Promise.resolve(live);
    let loading = this.loading.get(conversationId);
    if (!loading) {
      loading = this.restore(conversationId).finally(() => this.loading.delete(conversationId));
      this.loading.set(conversationId, loading);
    }
    return loading;
  }

  /** The stored events after `afterSequence`, in order. */
  read(conversationId: string, afterSequence: number): Promise<StoredConversationEvent<ConversationEvent>[]> {
    return readStoredEvents(this.events.log, conversationId, { afterSequence });
  }

  /** Every conversation's events as they are sent out: committed ones with their sequence, in order. */
  observe(listener: CommittedEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Lets go of the conversation now if nothing uses it (what `sweep` would do once it is quiet), so its log
   * may be erased without memory writing to it again. True when memory no longer holds it.
   */
  release(conversationId: string): boolean {
    if (this.loading.has(conversationId)) return false;
    const channel = this.channels.get(conversationId);
    return channel === undefined || this.evict(conversationId, channel);
  }

  /** How many conversations are live in memory. */
  get size(): number {
    return this.channels.size;
  }

  /**
   * Lets go of conversations that are quiet, followed only by the directory itself, not answering and
   * not on the desk, so a long-running server does not keep every conversation it ever had. Returns how
   * many left.
   */
  sweep(): number {
    const cutoff = this.nowMs() - this.idleMs;
    let evicted = 0;
    for (const [conversationId, channel] of this.channels) {
      if ((this.lastActivityMs.get(conversationId) ?? 0) > cutoff) continue;
      if (this.evict(conversationId, channel)) evicted += 1;
    }
    return evicted;
  }

  /**
   * Lets go of up to `count` conversations, least recently active first (`lastActivityMs` is kept in that
   * order), skipping those the desk or a socket holds. Returns how many left.
   */
  private evictQuietest(count: number): number {
    let evicted = 0;
    for (const conversationId of this.lastActivityMs.keys()) {
      if (evicted >= count) break;
      const channel = this.channels.get(conversationId);
      if (channel && this.evict(conversationId, channel)) evicted += 1;
    }
    return evicted;
  }

  private evict(conversationId: string, channel: ConversationChannel): boolean {
    // One subscriber is the directory's own relay to its listeners.
    if (channel.subscriberCount > 1 || !channel.settled) return false;
    if (!EVICTABLE_STATES.has(channel.conversation.state)) return false;
    if (!this.hub.forget(conversationId)) return false;
    this.channels.delete(conversationId);
    this.lastActivityMs.delete(conversationId);
    // Whoever still holds the channel (an upload being stored) gets a prompt refusal, not a commit that never settles.
    channel.detach();
    return true;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.stopObserving();
    this.listeners.clear();
  }

  private async restore(conversationId: string): Promise<ConversationChannel | undefined> {
    const [opened] = await this.events.log.read(conversationId, { limit: 1 });
    if (!opened) return undefined;
    // Another caller may have opened it meanwhile; a known channel keeps its listener.
    const known = this.channels.get(conversationId);
    if (known) return known;
    const channel = this.createChannel(conversationId);
    this.rebuilding.set(conversationId, channel);
    try {
      const conversation = await this.hub.restore(conversationId, (event) => channel.push(event));
      if (!conversation) return undefined;
      const raced = this.channels.get(conversationId);
      if (raced) return raced;
      const roomId =
        opened.event.type === 'conversation-opened' ? opened.event.liveContext.roomId : undefined;
      channel.attach(conversation, { viewerId: conversation.profile.viewerId, roomId });
      await this.rememberStoredMessages(channel);
      const racedAgain = this.channels.get(conversationId);
      if (racedAgain) return racedAgain;
      this.channels.set(conversationId, channel);
      if (this.channels.size > this.maxLive) this.evictQuietest(this.channels.size - this.maxLive);
      return channel;
    } finally {
      // Only now: an event the rebuild emitted may be committed at any point until here.
      this.rebuilding.delete(conversationId);
    }
  }

  /** A rebuilt conversation still knows the messages and replies it stored, so a resend after a restart is not stored twice. */
  private async rememberStoredMessages(channel: ConversationChannel): Promise<void> {
    const stored = await readStoredEvents(this.events.log, channel.conversationId);
    for (const { sequence, event } of stored) {
      if (event.type === 'viewer-message' && event.clientMessageId !== undefined)
        channel.rememberMessage(event.clientMessageId, Promise.resolve(sequence));
      if (event.type === 'agent-message' && event.clientMessageId !== undefined)
        channel.rememberReply(event.agentId, event.clientMessageId, Promise.resolve(sequence));
    }
  }

  private createChannel(conversationId: string): ConversationChannel {
    const channel = new ConversationChannel(conversationId);
    this.touch(conversationId);
    channel.subscribe((item) => {
      this.touch(conversationId);
      for (const listener of this.listeners) listener(conversationId, item);
    });
    return channel;
  }

  /** Moved to the end, so the map's order is least recently active first. */
  private touch(conversationId: string): void {
    this.lastActivityMs.delete(conversationId);
    this.lastActivityMs.set(conversationId, this.nowMs());
  }
}
