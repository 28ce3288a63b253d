import {
  needsTranslation,
  translateWithin,
  type MessageTranslator,
} from '../../engine/language/message-translator.js';
import type { Conversation } from '../../engine/conversation/conversation.js';
import { LruCache } from '../../knowledge/lru-cache.js';
import type { ConversationObserver } from '../desk/desk-service.js';

export interface MessageTranslationOptions {
  translator: MessageTranslator;
  /** The agents' language (LIVEDESK_AGENT_LANGUAGE). */
  agentLanguage: string;
  /** Longest wait before the original goes through alone. */
  timeoutMs: number;
  onError?: ((reason: string, context: { conversationId: string }) => void) | undefined;
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
   * reads those first). Those are remembered here, not read back from the log: a conversation handed over
   * after a restart gets its earlier lines untranslated.
   */
  observer(): ConversationObserver {
    const beforeHandoff = new LruCache<string, ViewerLine[]>(REMEMBERED_CONVERSATIONS);
    return {
      observe: (conversationId, event, conversation, sequence) => {
        if (event.type === 'state-change') {
          if (event.to === 'pending_human' || event.to === 'closed') {
            const earlier = beforeHandoff.get(conversationId) ?? [];
            beforeHandoff.delete(conversationId);
            if (
              event.to === 'pending_human' &&
              needsTranslation(conversation.language, this.options.agentLanguage)
            )
              void this.translateInOrder(conversationId, earlier, conversation);
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
