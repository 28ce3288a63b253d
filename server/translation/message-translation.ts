import {
  needsTranslation,
  translateWithin,
  type MessageTranslator,
} from '../../engine/language/message-translator.js';
import type { Conversation } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog, StoredConversationEvent } from '../../engine/ports.js';
import { LruCache } from '../../knowledge/lru-cache.js';
import type { ConversationObserver } from '../desk/desk-service.js';

export interface MessageTranslationOptions {
  translator: MessageTranslator;
  /** The agents' language (LIVEDESK_AGENT_LANGUAGE). */
  agentLanguage: string;
  /** Longest wait before the original goes through alone. */
  timeoutMs: number;
  onError?: ((reason: string, context: { conversationId: string }) => void) | undefined;
  /**
   * The conversation log: at a handoff the lines written to the assistant before it are read back from
   * it, so a node restarted since, or another node that took the conversation over, still translates
   * them. Without it they are remembered in memory, on this node only.
   */
  events?: Pick<ConversationEventLog<ConversationEvent>, 'read'> | undefined;
}

/** A viewer message written to the assistant, kept to be translated if the conversation is handed over. */
interface ViewerLine {
  text: string;
  sequence: number;
}

/** Earlier lines translated at a handoff: what the handoff card and the top of the transcript show. */
const LINES_BEFORE_HANDOFF = 10;
/** Conversations whose lines are remembered at once (the oldest are forgotten first). */
const REMEMBERED_CONVERSATIONS = 1000;
/** Events read from the log per page while looking for those lines. */
const LOG_PAGE = 500;
/** The log is read back from the handoff: this many events first, widened (×5) only when that is not enough. */
const FIRST_LOOKBACK = 200;
/** Never more than this many events before the handoff are read: older lines are not looked for. */
const MAX_LOOKBACK = 5_000;
/** Longest the log reads of one handoff may take before what was found so far is used. */
const LOG_READ_TIMEOUT_MS = 5_000;

/** What an agent reply is stored with: the viewer's translation, or the language it could not get. */
export type ReplyTranslationDetails =
  { translation: { language: string; text: string } } | { untranslatedTo: string } | Record<string, never>;

/**
 * Both directions of the agent/viewer translation (issue 16): replies are translated before they are
 * stored (in order per conversation, never held longer than the budget), viewer messages after (a
 * `message-translation` event follows each one an agent reads, so the viewer is never held back).
 */
export class MessageTranslation {
  private readonly pendingReplies = new Map<string, Promise<unknown>>();

  constructor(private readonly options: MessageTranslationOptions) {}

  /** Undefined when the reply needs no translation and no earlier one is still being translated. */
  reply(
    conversationId: string,
    conversation: Pick<Conversation, 'language'>,
    text: string,
  ): Promise<ReplyTranslationDetails> | undefined {
    const viewerLanguage = conversation.language;
    const previous = this.pendingReplies.get(conversationId);
    const translate =
      viewerLanguage !== undefined && needsTranslation(viewerLanguage, this.options.agentLanguage);
    if (!translate && previous === undefined) return undefined;
    const own: Promise<ReplyTranslationDetails> = translate
      ? translateWithin(this.options.translator, { text, to: viewerLanguage }, this.options.timeoutMs).then(
          (outcome) => {
            if (outcome.ok) return { translation: { language: viewerLanguage, text: outcome.text } };
            this.options.onError?.(outcome.reason, { conversationId });
            return { untranslatedTo: viewerLanguage };
          },
        )
      : Promise.resolve({});
    // Replies are stored in the order they were sent, whichever translation finishes first.
    const inOrder = Promise.all([previous, own]).then(([, details]) => details);
    this.pendingReplies.set(conversationId, inOrder);
    void inOrder.finally(() => {
      if (this.pendingReplies.get(conversationId) === inOrder) this.pendingReplies.delete(conversationId);
    });
    return inOrder;
  }

  /**
   * Translates viewer messages an agent reads: each one while the conversation waits for or is with a
   * person, and, when it is handed over, the last few the viewer wrote to the assistant before (the agent
   * reads those first). Those are read back from the conversation log at the handoff (`events`); the
   * translations are `message-translation` events in that log, so every node shows them to the agent.
   */
  observer(): ConversationObserver {
    const beforeHandoff = new LruCache<string, ViewerLine[]>(REMEMBERED_CONVERSATIONS);
    return {
      observe: (conversationId, event, conversation, sequence) => {
        if (event.type === 'state-change') {
          if (event.to === 'pending_human' || event.to === 'closed') {
            const remembered = beforeHandoff.get(conversationId) ?? [];
            beforeHandoff.delete(conversationId);
            if (
              event.to === 'pending_human' &&
              needsTranslation(conversation.language, this.options.agentLanguage)
            )
              void this.linesBeforeHandoff(
                conversationId,
                sequence === undefined ? undefined : { sequence, from: event.from },
                remembered,
              ).then((earlier) => this.translateInOrder(conversationId, earlier, conversation));
          }
          return;
        }
        if (event.type !== 'viewer-message' || sequence === undefined) return;
        if (conversation.state !== 'pending_human' && conversation.state !== 'human') {
          const lines = beforeHandoff.get(conversationId) ?? [];
          lines.push({ text: event.text, sequence });
          beforeHandoff.set(conversationId, lines.slice(-LINES_BEFORE_HANDOFF));
          return;
        }
        if (!needsTranslation(conversation.language, this.options.agentLanguage)) return;
        void this.translateViewerMessage(conversationId, event, conversation, sequence);
      },
      close: () => undefined,
    };
  }

  /**
   * The viewer's last lines to the assistant before the handoff stored at `handoff.sequence`: from the log
   * when there is one (and it answers), else those this node remembered. The log is read backwards from the
   * handoff, a window at a time, so a long conversation costs no more than its last few hundred events.
   */
  private async linesBeforeHandoff(
    conversationId: string,
    handoff: { sequence: number; from: string } | undefined,
    remembered: readonly ViewerLine[],
  ): Promise<readonly ViewerLine[]> {
    const log = this.options.events;
    if (!log || handoff === undefined) return remembered;
    const signal = AbortSignal.timeout(LOG_READ_TIMEOUT_MS);
    try {
      let read: StoredConversationEvent<ConversationEvent>[] = [];
      // Events after `readAfter` and before the handoff are in `read`, oldest first.
      let readAfter = handoff.sequence - 1;
      let lookback = FIRST_LOOKBACK;
      for (;;) {
        const from = Math.max(0, handoff.sequence - 1 - lookback);
        read = [...(await readBetween(log, conversationId, from, readAfter, signal)), ...read];
        readAfter = from;
        const found = lastLinesBefore(read, handoff.from);
        if (found.settled || from === 0 || lookback >= MAX_LOOKBACK) return found.lines;
        lookback = Math.min(lookback * 5, MAX_LOOKBACK);
      }
    } catch (error) {
      this.options.onError?.(`the log could not be read: ${String(error)}`, { conversationId });
      return remembered;
    }
  }

  private async translateInOrder(
    conversationId: string,
    lines: readonly ViewerLine[],
    conversation: Pick<Conversation, 'messageTranslation'>,
  ): Promise<void> {
    for (const line of lines)
      await this.translateViewerMessage(conversationId, line, conversation, line.sequence);
  }

  private async translateViewerMessage(
    conversationId: string,
    message: { text: string },
    conversation: Pick<Conversation, 'messageTranslation'>,
    sequence: number,
  ): Promise<void> {
    const language = this.options.agentLanguage;
    const outcome = await translateWithin(
      this.options.translator,
      { text: message.text, to: language },
      this.options.timeoutMs,
    );
    if (!outcome.ok) {
      this.options.onError?.(outcome.reason, { conversationId });
      return;
    }
    conversation.messageTranslation(sequence, { language, text: outcome.text });
  }
}

/** The events after `after` up to `upTo` (both sequences), a page at a time; gives up when `signal` aborts. */
async function readBetween(
  log: Pick<ConversationEventLog<ConversationEvent>, 'read'>,
  conversationId: string,
  after: number,
  upTo: number,
  signal: AbortSignal,
): Promise<StoredConversationEvent<ConversationEvent>[]> {
  const events: StoredConversationEvent<ConversationEvent>[] = [];
  let afterSequence = after;
  while (afterSequence < upTo) {
    signal.throwIfAborted();
    const page = await abortable(
      log.read(conversationId, { afterSequence, limit: Math.min(LOG_PAGE, upTo - afterSequence) }),
      signal,
    );
    for (const stored of page) if (stored.sequence <= upTo) events.push(stored);
    const last = page.at(-1);
    if (!last || page.length < Math.min(LOG_PAGE, upTo - afterSequence)) break;
    afterSequence = last.sequence;
  }
  return events;
}

/** The log port takes no signal: the wait for it ends when the signal aborts (the read itself finishes). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason as Error);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * Walking back from the handoff (whose `from` is the state its preceding events were in), the viewer's
 * lines to the assistant since the previous handoff or close, at most LINES_BEFORE_HANDOFF. `settled`: the
 * older events, not read, cannot change them (that handoff or close was found, or enough lines were).
 */
function lastLinesBefore(
  events: readonly StoredConversationEvent<ConversationEvent>[],
  handoffFrom: string,
): { lines: ViewerLine[]; settled: boolean } {
  const lines: ViewerLine[] = [];
  let state = handoffFrom;
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const { event, sequence } = events[index]!;
    if (event.type === 'state-change') {
      if (event.to === 'pending_human' || event.to === 'closed') return { lines, settled: true };
      state = event.from;
    } else if (event.type === 'viewer-message' && state !== 'pending_human' && state !== 'human') {
      lines.unshift({ text: event.text, sequence });
      if (lines.length === LINES_BEFORE_HANDOFF) return { lines, settled: true };
    }
  }
  return { lines, settled: false };
}

/** Several observers fed the same events (the auto-replier and the translation). */
export function combineObservers(...observers: readonly ConversationObserver[]): ConversationObserver {
  return {
    observe: (...args) => {
      for (const observer of observers) observer.observe(...args);
    },
    close: () => {
      for (const observer of observers) observer.close();
    },
  };
}
