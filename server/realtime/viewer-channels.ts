import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import type { StoredConversationEvent } from '../../engine/ports.js';
import { ConversationChannel } from './conversation-channel.js';
import type { ObservedEventLog } from './observed-event-log.js';
import type { JoinFrame } from './viewer-frames.js';

export type JoinOutcome =
  | { ok: true; channel: ConversationChannel; resumed: boolean }
  | { ok: false; code: 'forbidden'; message: string };

const REPLAY_PAGE = 1000;

/**
 * The conversations viewers are in, by id. A join with a known id reuses the conversation in memory;
 * one the log knows but memory does not (the process restarted) gets a new Conversation with the same
 * id, so its sequence numbers carry on. Limitation: the engine cannot yet rebuild a conversation's
 * state and transcript from its log, so such a conversation starts again in `ai` with no history.
 */
export class ViewerChannels {
  private readonly channels = new Map<string, ConversationChannel>();
  private readonly hub: ConversationHub;
  private readonly events: ObservedEventLog<ConversationEvent>;
  private readonly stopObserving: () => void;

  constructor(options: { hub: ConversationHub; events: ObservedEventLog<ConversationEvent> }) {
    this.hub = options.hub;
    this.events = options.events;
    this.stopObserving = this.events.observe((outcome) =>
      this.channels.get(outcome.conversationId)?.settle(outcome),
    );
  }

  async join(frame: JoinFrame): Promise<JoinOutcome> {
    const profile: ViewerProfile = {
      viewerId: frame.viewer.id,
      tier: frame.viewer.tier ?? 'regular',
      ...(frame.viewer.locale ? { locale: frame.viewer.locale } : {}),
      ...(frame.viewer.displayName ? { displayName: frame.viewer.displayName } : {}),
    };
    const requested = frame.conversationId;
    if (requested !== undefined) {
      const known =
        this.channels.get(requested) ??
        ((await this.events.log.read(requested, { limit: 1 })).length > 0
          ? this.open(profile, frame.roomId, requested)
          : undefined);
      if (known) {
        if (known.viewerId !== profile.viewerId)
          return { ok: false, code: 'forbidden', message: 'this conversation belongs to another viewer' };
        return { ok: true, channel: known, resumed: true };
      }
    }
    // An id nobody knows is not taken over: the viewer gets a fresh conversation.
    return { ok: true, channel: this.open(profile, frame.roomId, undefined), resumed: false };
  }

  /** The stored events after `afterSequence`, in order. */
  async read(
    conversationId: string,
    afterSequence: number,
  ): Promise<StoredConversationEvent<ConversationEvent>[]> {
    const events: StoredConversationEvent<ConversationEvent>[] = [];
    for (let after = afterSequence; ;) {
      const page = await this.events.log.read(conversationId, { afterSequence: after, limit: REPLAY_PAGE });
      events.push(...page);
      const last = page.at(-1);
      if (page.length < REPLAY_PAGE || !last) return events;
      after = last.sequence;
    }
  }

  close(): void {
    this.stopObserving();
  }

  private open(
    profile: ViewerProfile,
    roomId: string,
    conversationId: string | undefined,
  ): ConversationChannel {
    // Checked again here: another join may have opened it while this one read the log.
    const existing = conversationId === undefined ? undefined : this.channels.get(conversationId);
    if (existing) return existing;
    const channel = new ConversationChannel(profile.viewerId);
    const conversation = this.hub.open(
      { ...(conversationId === undefined ? {} : { conversationId }), profile, liveContext: { roomId } },
      (event) => channel.push(event),
    );
    channel.attach(conversation);
    this.channels.set(conversation.id, channel);
    return channel;
  }
}
