import type { ConversationEventLog, LiveContext } from '../ports.js';
import type { TurnDependencies } from '../turn/turn-context.js';
import type { VoiceConfig } from '../voice/voice-config.js';
import { Conversation, type Scheduler } from './conversation.js';
import type { ConversationEvent } from './conversation-events.js';
import { readStoredEvents } from './read-stored-events.js';
import { restoreConversationState, type RestoredConversation } from './restore-conversation.js';
import type { ViewerProfile } from './transcript.js';

export interface ConversationHubOptions {
  dependencies: TurnDependencies;
  voice: VoiceConfig;
  log: ConversationEventLog<ConversationEvent>;
  newId: () => string;
  schedule?: Scheduler;
  onLogError?: (error: unknown) => void;
}

/**
 * Streamed text is recorded once, whole, by the turn's end; queue positions and an agent's typing are live
 * only; the rest is kept event by event.
 */
export function isRecorded(event: ConversationEvent): boolean {
  return event.type !== 'text-delta' && event.type !== 'queue-status' && event.type !== 'agent-typing';
}

type Listener = (event: ConversationEvent) => void;

/**
 * The conversations of one process. Every event but streamed text goes to the log, in order per
 * conversation, so a conversation can be rebuilt after a restart; listeners get everything.
 */
export class ConversationHub {
  private readonly conversations = new Map<string, Conversation>();
  private readonly writes = new Map<string, Promise<void>>();
  private readonly restoring = new Map<string, Promise<Conversation | undefined>>();
  private readonly options: ConversationHubOptions;

  constructor(options: ConversationHubOptions) {
    this.options = options;
  }

  open(
    request: { conversationId?: string; profile: ViewerProfile; liveContext?: LiveContext },
    listener: Listener,
  ): Conversation {
    const conversationId = request.conversationId ?? this.options.newId();
    const emit = this.emitter(conversationId, listener);
    const conversation = this.register(conversationId, emit, {
      profile: request.profile,
      ...(request.liveContext ? { liveContext: request.liveContext } : {}),
    });
    if (request.conversationId === undefined) {
      emit({
        type: 'conversation-opened',
        profile: request.profile,
        liveContext: request.liveContext ?? {},
        at: this.options.dependencies.clock().toISOString(),
      });
    }
    return conversation;
  }

  /**
   * Rebuilds a conversation from its log (after a restart) and keeps it like `open` does; its events
   * carry on the log's numbering. Undefined when the log has no such conversation. A conversation this
   * hub already holds is returned as it is, and `listener` is then not added: it keeps its own.
   */
  restore(conversationId: string, listener: Listener): Promise<Conversation | undefined> {
    const live = this.conversations.get(conversationId);
    if (live) return Promise.resolve(live);
    const pending = this.restoring.get(conversationId);
    if (pending) return pending;
    const restoring = this.rebuild(conversationId, listener).finally(() => {
      this.restoring.delete(conversationId);
    });
    this.restoring.set(conversationId, restoring);
    return restoring;
  }

  get(conversationId: string): Conversation | undefined {
    return this.conversations.get(conversationId);
  }

  /**
   * Drops a conversation from memory (it stays in the log, and `restore` brings it back). Refused while
   * it is answering or has events not yet committed.
   */
  forget(conversationId: string): boolean {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || conversation.busy || this.writes.has(conversationId)) return false;
    this.conversations.delete(conversationId);
    return true;
  }

  /** Resolves once every event of that conversation (or of all) emitted so far is committed or failed. */
  async flushed(conversationId?: string): Promise<void> {
    if (conversationId !== undefined) {
      await this.writes.get(conversationId);
      return;
    }
    await Promise.all(this.writes.values());
  }

  /**
   * For shutdown: waits (up to `timeoutMs`) for the turns in flight to finish, then for every event to be
   * committed. A turn still running at the deadline is interrupted, so its end is recorded too.
   */
  async drain(timeoutMs: number): Promise<void> {
    const running = [...this.conversations.values()].map((conversation) => conversation.idle());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    const outcome = await Promise.race([Promise.all(running).then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'late') for (const conversation of this.conversations.values()) conversation.stopTurn();
    await this.flushed();
  }

  private async rebuild(conversationId: string, listener: Listener): Promise<Conversation | undefined> {
    await this.writes.get(conversationId);
    const events = await readStoredEvents(this.options.log, conversationId);
    // `open` may have taken the id while the log was read.
    const live = this.conversations.get(conversationId);
    if (live) return live;
    const restored = restoreConversationState(events);
    if (!restored) return undefined;
    const emit = this.emitter(conversationId, listener);
    const conversation = this.register(conversationId, emit, { restored });
    if (restored.unfinishedTurnId !== undefined) {
      // The process died mid-turn: close it in the log so a reader never waits for its end.
      emit({ type: 'turn-end', turnId: restored.unfinishedTurnId, reason: 'interrupted', delivered: '' });
    }
    return conversation;
  }

  private register(
    conversationId: string,
    emit: Listener,
    identity: { profile: ViewerProfile; liveContext?: LiveContext } | { restored: RestoredConversation },
  ): Conversation {
    const conversation = new Conversation({
      conversationId,
      ...identity,
      dependencies: this.options.dependencies,
      voice: this.options.voice,
      newId: this.options.newId,
      ...(this.options.schedule ? { schedule: this.options.schedule } : {}),
      emit,
    });
    this.conversations.set(conversationId, conversation);
    return conversation;
  }

  private emitter(conversationId: string, listener: Listener): Listener {
    return (event) => {
      if (isRecorded(event)) this.record(conversationId, event);
      listener(event);
    };
  }

  private record(conversationId: string, event: ConversationEvent): void {
    const at = 'at' in event ? event.at : this.options.dependencies.clock().toISOString();
    const previous = this.writes.get(conversationId);
    // Appended at once: the log stores appends in call order, so waiting for the previous commit would
    // only add latency. `writes` tracks the latest one so `flushed` can wait for them all.
    const appended = this.options.log
      .append(conversationId, at, event)
      .then(
        () => undefined,
        this.options.onLogError ??
          ((error: unknown) => console.error('conversation event not recorded', { conversationId, error })),
      );
    const next: Promise<void> = Promise.all([previous, appended]).then(() => {
      // Drop the chain once idle, so a hub holding many conversations keeps no settled promises.
      if (this.writes.get(conversationId) === next) this.writes.delete(conversationId);
    });
    this.writes.set(conversationId, next);
  }
}
