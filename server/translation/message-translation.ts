import {
  needsTranslation,
  translateWithin,
  type MessageTranslator,
} from '../../engine/language/message-translator.js';
import type { Conversation } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationObserver } from '../desk/desk-service.js';

export interface MessageTranslationOptions {
  translator: MessageTranslator;
  /** The agents' language (LIVEDESK_AGENT_LANGUAGE). */
  agentLanguage: string;
  /** Longest wait before the original goes through alone. */
  timeoutMs: number;
  onError?: ((reason: string, context: { conversationId: string }) => void) | undefined;
}

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

  /** Translates viewer messages an agent reads (the conversation is waiting for or with a person). */
  observer(): ConversationObserver {
    return {
      observe: (conversationId, event, conversation, sequence) => {
        if (event.type !== 'viewer-message' || sequence === undefined) return;
        if (conversation.state !== 'pending_human' && conversation.state !== 'human') return;
        if (!needsTranslation(conversation.language, this.options.agentLanguage)) return;
        void this.translateViewerMessage(conversationId, event, conversation, sequence);
      },
      close: () => undefined,
    };
  }

  private async translateViewerMessage(
    conversationId: string,
    event: Extract<ConversationEvent, { type: 'viewer-message' }>,
    conversation: Pick<Conversation, 'messageTranslation'>,
    sequence: number,
  ): Promise<void> {
    const language = this.options.agentLanguage;
    const outcome = await translateWithin(
      this.options.translator,
      { text: event.text, to: language },
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
