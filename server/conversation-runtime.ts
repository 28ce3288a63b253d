import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { createOpenAIAnswerComposer } from '../adapters/openai/openai-answer-composer.js';
import { createOpenAIConversationSummarizer } from '../adapters/openai/openai-conversation-summarizer.js';
import { createSqliteConversationEventLog } from '../adapters/sqlite/conversation-event-log.js';
import type { EventRowWriter } from '../adapters/sqlite/event-rows.js';
import { createFallbackComposer } from '../engine/composer/fallback-composer.js';
import { DEFAULT_CANNED_REPLIES } from '../engine/conversation/canned-replies.js';
import { ConversationEventSchema } from '../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../engine/conversation/conversation-events.js';
import { ConversationHub } from '../engine/conversation/conversation-hub.js';
import { POLICY_PRESETS } from '../engine/policy/escalation-policy-config.js';
import type { ConversationEventLog } from '../engine/ports.js';
import { maskPiiText } from '../engine/privacy/mask-pii.js';
import { createSignalDetector, SignalsConfigSchema } from '../engine/signals/detect-signals.js';
import type { TurnDependencies } from '../engine/turn/turn-context.js';
import { VoiceConfigSchema } from '../engine/voice/voice-config.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { LivedeskConfig } from './config.js';

export interface ConversationRuntimeOptions {
  config: LivedeskConfig;
  knowledgeBase: KnowledgeBase;
  database: Database;
  clock?: () => Date;
  /** Counts composer fallbacks (LLM errors and timeouts) for metrics. */
  onLlmFallback?: () => void;
  /** Wraps the SQLite event log (the real-time channel observes appends to learn their sequence numbers). */
  decorateLog?: (log: ConversationEventLog<ConversationEvent>) => ConversationEventLog<ConversationEvent>;
  /** Where the event log commits (default: on `database`, on this thread). */
  eventWriter?: EventRowWriter;
}

/** Wires the conversation engine: the LLM when configured, the real signals, the event log in SQLite. */
export function createConversationHub(options: ConversationRuntimeOptions): ConversationHub {
  const { config } = options;
  const decorateLog = options.decorateLog ?? ((log) => log);
  const llm = config.llm;
  const composer = llm
    ? createFallbackComposer({
        primary: createOpenAIAnswerComposer({
          baseURL: llm.baseURL,
          model: llm.model,
          timeoutMs: llm.timeoutMs,
          firstTokenTimeoutMs: llm.firstTokenTimeoutMs,
          maxRetries: llm.maxRetries,
          ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
        }),
        ...(options.onLlmFallback ? { onFallback: options.onLlmFallback } : {}),
      })
    : undefined;
  const summarizer = llm
    ? createOpenAIConversationSummarizer({
        baseURL: llm.baseURL,
        model: llm.model,
        timeoutMs: llm.timeoutMs,
        maxRetries: llm.maxRetries,
        ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
      })
    : undefined;
  const detector = createSignalDetector(SignalsConfigSchema.parse({}));
  const dependencies: TurnDependencies = {
    knowledge: options.knowledgeBase,
    composer,
    summarizer,
    detectSignals: (input) => detector.detect(input),
    maskPii: maskPiiText,
    policy: POLICY_PRESETS[config.scenario],
    replies: DEFAULT_CANNED_REPLIES,
    clock: options.clock ?? (() => new Date()),
  };
  return new ConversationHub({
    dependencies,
    voice: VoiceConfigSchema.parse({}),
    log: decorateLog(
      createSqliteConversationEventLog({
        database: options.database,
        eventSchema: ConversationEventSchema,
        ...(options.eventWriter ? { writer: options.eventWriter } : {}),
      }),
    ),
    newId: randomUUID,
  });
}
