import type { ConversationEventLog, LiveContext } from '../ports.js';
import type { TurnDependencies } from '../turn/turn-context.js';
import type { VoiceConfig } from '../voice/voice-config.js';
import { Conversation, type Scheduler } from './conversation.js';
import type { ConversationEvent } from './conversation-events.js';
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
 * Streamed text is recorded once, whole, by the turn's end, and queue positions are live only; the rest
 * is kept event by event.
 */
export function isRecorded(event: ConversationEvent): boolean {
  return event.type !== 'text-delta' && event.type !== 'queue-status';
}

/**
 * The conversations of one process. Every event but streamed text goes to the log, in order per
 * conversation, so transitions and their reasons survive a restart; listeners get everything.
 */
export class ConversationHub {
  private readonly conversations = new Map<string, Conversation>();
  private readonly writes = new Map<string, Promise<void>>();
  private readonly options: ConversationHubOptions;

  constructor(options: ConversationHubOptions) {
    this.options = options;
  }

  open(
    request: { conversationId?: string; profile: ViewerProfile; liveContext?: LiveContext },
    listener: (event: ConversationEvent) => void,
  ): Conversation {
    const conversationId = request.conversationId ?? this.options.newId();
    const conversation = new Conversation({
      conversationId,
      profile: request.profile,
      ...(request.liveContext ? { liveContext: request.liveContext } : {}),
      dependencies: this.options.dependencies,
      voice: this.options.voice,
      newId: this.options.newId,
      ...(this.options.schedule ? { schedule: this.options.schedule } : {}),
      emit: (event) => {
        if (isRecorded(event)) this.record(conversationId, event);
        listener(event);
      },
    });
    this.conversations.set(conversationId, conversation);
    if (request.conversationId === undefined) {
      const opened: ConversationEvent = {
        type: 'conversation-opened',
        profile: request.profile,
        liveContext: request.liveContext ?? {},
        at: this.options.dependencies.clock().toISOString(),
      };
      this.record(conversationId, opened);
      listener(opened);
    }
    return conversation;
  }

  get(conversationId: string): Conversation | undefined {
    return this.conversations.get(conversationId);
  }

  /** Resolves once every event emitted so far is committed. */
  async flushed(): Promise<void> {
    await Promise.all(this.writes.values());
  }

  private record(conversationId: string, event: ConversationEvent): void {
    const at = 'at' in event ? event.at : this.options.dependencies.clock().toISOString();
    const previous = this.writes.get(conversationId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        await this.options.log.append(conversationId, at, event);
      })
      .catch(
        this.options.onLogError ??
          ((error: unknown) => console.error('conversation event not recorded', { conversationId, error })),
      );
    this.writes.set(conversationId, next);
  }
}
