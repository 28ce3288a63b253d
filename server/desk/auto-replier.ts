import { createChineseScript } from '../../adapters/language/chinese-script.js';
import type { Scheduler } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationState } from '../../engine/conversation/conversation-state.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import {
  autoReplyAllowedIn,
  decideAutoReply,
  type AutoReplyConfig,
  type AutoReplyRule,
} from '../../engine/desk/auto-reply.js';
import { normalizeText } from '../../knowledge/text/normalize.js';

/** What the auto-replier needs of a live conversation; `Conversation` fits as it is. */
export interface AutoReplyTarget {
  readonly state: ConversationState;
  readonly profile: ViewerProfile;
  /** The language the viewer writes in now; the profile's UI locale when absent. */
  readonly language?: string | undefined;
  systemMessage(message: { kind: 'auto-reply'; text: string; ruleId: string }): void;
}

export interface AutoReplierOptions {
  /** The rules as they are now (the rule store's `current`). */
  rules: () => readonly AutoReplyRule[];
  config: AutoReplyConfig;
  schedule?: Scheduler;
  clock?: () => Date;
  /** Keyword folding; default: width, case and Traditional → Simplified (opencc). */
  normalize?: (text: string) => string;
  /** Where a failing rule source or conversation goes; the auto-replier itself carries on. */
  onError?: (error: unknown, context: { conversationId: string }) => void;
}

interface Pending {
  message: { text: string; locale?: string | undefined; at: number };
  cancel: () => void;
}

interface Watched {
  target: AutoReplyTarget;
  lastHumanReplyAt: number | undefined;
  firedAt: Map<string, number>;
  /** At most one waiting firing per rule. */
  pending: Map<string, Pending>;
}

const defaultScheduler: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

/** Traditional → Simplified (phrase level), half width, lower case: 「儲值沒到帳」 finds 「储值没到账」. */
export function createAutoReplyNormalizer(): (text: string) => string {
  const { toSimplified } = createChineseScript();
  return (text) => normalizeText(text, { toSimplified });
}

/**
 * Sends keyword auto-replies to viewers waiting for a person. The desk service calls `observe` with every
 * committed event of every conversation. A viewer message that matches a rule while the conversation waits
 * for or is with a person starts a quiet-period timer; if no person writes before it runs out (and the
 * rule has not fired in this conversation's window) the rule's text is sent as a system message. A reply
 * from an agent, a hand-back to the AI or a close cancels what is waiting; a close forgets the
 * conversation.
 */
export class AutoReplier {
  private readonly options: AutoReplierOptions;
  private readonly schedule: Scheduler;
  private readonly clock: () => Date;
  private readonly normalize: (text: string) => string;
  private readonly watched = new Map<string, Watched>();
  private closed = false;

  constructor(options: AutoReplierOptions) {
    this.options = options;
    this.schedule = options.schedule ?? defaultScheduler;
    this.clock = options.clock ?? (() => new Date());
    this.normalize = options.normalize ?? createAutoReplyNormalizer();
  }

  /** Conversations with something remembered (fired rules, waiting replies); for tests and metrics. */
  get size(): number {
    return this.watched.size;
  }

  /** Waiting firings in one conversation; for tests and metrics. */
  pendingCount(conversationId: string): number {
    return this.watched.get(conversationId)?.pending.size ?? 0;
  }

  observe(conversationId: string, event: ConversationEvent, conversation: AutoReplyTarget): void {
    if (this.closed) return;
    switch (event.type) {
      case 'viewer-message':
        this.onViewerMessage(conversationId, event, conversation);
        return;
      case 'agent-message': {
        const watched = this.watch(conversationId, conversation);
        watched.lastHumanReplyAt = Math.max(
          watched.lastHumanReplyAt ?? -Infinity,
          timeOf(event.at, this.clock),
        );
        this.cancelPending(watched);
        return;
      }
      case 'system-message':
        // Also rebuilds the window from stored events when a conversation is replayed after a restart.
        if (event.kind === 'auto-reply' && event.ruleId !== undefined) {
          const watched = this.watch(conversationId, conversation);
          const at = timeOf(event.at, this.clock);
          watched.firedAt.set(event.ruleId, Math.max(watched.firedAt.get(event.ruleId) ?? -Infinity, at));
        }
        return;
      case 'state-change':
        if (event.to === 'closed') this.forget(conversationId);
        else if (event.to === 'ai') {
          const watched = this.watched.get(conversationId);
          if (watched) this.cancelPending(watched);
        }
        return;
      default:
        return;
    }
  }

  /** Drops everything known about a conversation and cancels its timers. */
  forget(conversationId: string): void {
    const watched = this.watched.get(conversationId);
    if (!watched) return;
    this.cancelPending(watched);
    this.watched.delete(conversationId);
  }

  /** Cancels every timer; nothing fires afterwards. */
  close(): void {
    this.closed = true;
    for (const conversationId of [...this.watched.keys()]) this.forget(conversationId);
  }

  private onViewerMessage(
    conversationId: string,
    event: Extract<ConversationEvent, { type: 'viewer-message' }>,
    conversation: AutoReplyTarget,
  ): void {
    if (!autoReplyAllowedIn(conversation.state)) return;
    const watched = this.watch(conversationId, conversation);
    const message = {
      text: event.text,
      locale: conversation.language ?? conversation.profile.locale,
      at: timeOf(event.at, this.clock),
    };
    const decision = this.decide(conversationId, watched, message, undefined);
    if (!decision?.fire || watched.pending.has(decision.rule.id)) return;
    const ruleId = decision.rule.id;
    const delayMs = Math.max(0, message.at + this.options.config.quietPeriodMs - this.clock().getTime());
    const cancel = this.schedule(() => this.fire(conversationId, ruleId), delayMs);
    watched.pending.set(ruleId, { message, cancel });
  }

  private fire(conversationId: string, ruleId: string): void {
    const watched = this.watched.get(conversationId);
    const pending = watched?.pending.get(ruleId);
    if (!watched || !pending || this.closed) return;
    watched.pending.delete(ruleId);
    if (!autoReplyAllowedIn(watched.target.state)) return;
    // Checked again as things are now: the rule may have been edited or switched off, a person may have written.
    const decision = this.decide(conversationId, watched, pending.message, ruleId);
    if (!decision?.fire) return;
    watched.firedAt.set(ruleId, this.clock().getTime());
    try {
      watched.target.systemMessage({ kind: 'auto-reply', text: decision.rule.text, ruleId });
    } catch (error) {
      this.reportError(error, conversationId);
    }
  }

  private decide(
    conversationId: string,
    watched: Watched,
    message: Pending['message'],
    onlyRuleId: string | undefined,
  ): ReturnType<typeof decideAutoReply> | undefined {
    let rules: readonly AutoReplyRule[];
    try {
      rules = this.options.rules();
    } catch (error) {
      this.reportError(error, conversationId);
      return undefined;
    }
    return decideAutoReply({
      rules: onlyRuleId === undefined ? rules : rules.filter((rule) => rule.id === onlyRuleId),
      message,
      lastHumanReplyAt: watched.lastHumanReplyAt,
      firedAt: watched.firedAt,
      config: this.options.config,
      normalize: this.normalize,
    });
  }

  private watch(conversationId: string, target: AutoReplyTarget): Watched {
    let watched = this.watched.get(conversationId);
    if (!watched) {
      watched = { target, lastHumanReplyAt: undefined, firedAt: new Map(), pending: new Map() };
      this.watched.set(conversationId, watched);
    }
    watched.target = target;
    return watched;
  }

  private cancelPending(watched: Watched): void {
    for (const pending of watched.pending.values()) pending.cancel();
    watched.pending.clear();
  }

  private reportError(error: unknown, conversationId: string): void {
    if (this.options.onError) this.options.onError(error, { conversationId });
    else console.error('auto-reply failed', { conversationId, error });
  }
}

function timeOf(iso: string, clock: () => Date): number {
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? clock().getTime() : parsed;
}
