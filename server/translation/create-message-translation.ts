import { createOpenAIMessageTranslator } from '../../adapters/openai/openai-message-translator.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { LlmConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { MessageTranslation } from './message-translation.js';

/** The agent/viewer translation over the configured LLM; undefined without one (messages go as written). */
export function createMessageTranslation(
  llm: LlmConfig | undefined,
  logger: Pick<Logger, 'warn'>,
  /** Where the lines before a handoff are read back from (server/translation/message-translation.ts). */
  events?: Pick<ConversationEventLog<ConversationEvent>, 'read'>,
): MessageTranslation | undefined {
  if (!llm) return undefined;
  const timeoutMs = llm.translation?.timeoutMs ?? 3_000;
  return new MessageTranslation({
    translator: createOpenAIMessageTranslator({
      baseURL: llm.baseURL,
      model: llm.model,
      apiKey: llm.apiKey,
      timeoutMs,
    }),
    agentLanguage: llm.translation?.agentLanguage ?? 'zh',
    timeoutMs,
    events,
    onError: (reason, { conversationId }) =>
      logger.warn({ conversationId, reason }, 'message sent untranslated'),
  });
}
