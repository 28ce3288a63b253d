import { randomUUID } from 'node:crypto';
import { createOpenAIAnswerComposer } from '../adapters/openai/openai-answer-composer.js';
import { createOpenAIConversationSummarizer } from '../adapters/openai/openai-conversation-summarizer.js';
import { createOpenAIEscalationJudge } from '../adapters/openai/openai-escalation-judge.js';
import { createChineseScript } from '../adapters/language/chinese-script.js';
import { createLanguageIdentifier } from '../adapters/language/create-language-identifier.js';
import { createFallbackComposer } from '../engine/composer/fallback-composer.js';
import type { OutputLeakKind } from '../engine/composer/output-leak-filter.js';
import { DEFAULT_CANNED_REPLIES, type CannedReplies } from '../engine/conversation/canned-replies.js';
import type { ConversationEvent } from '../engine/conversation/conversation-events.js';
import { ConversationHub } from '../engine/conversation/conversation-hub.js';
import { POLICY_PRESETS } from '../engine/policy/escalation-policy-config.js';
import type { ConversationEventLog } from '../engine/ports.js';
import { maskPiiText } from '../engine/privacy/mask-pii.js';
import { SignalsConfigSchema, type SignalSupport } from '../engine/signals/detect-signals.js';
import { JudgeConfigSchema } from '../engine/signals/judge/judge-config.js';
import { createTurnJudge, type JudgeFallback, type TurnJudge } from '../engine/signals/judge/turn-judge.js';
import type { TurnDependencies } from '../engine/turn/turn-context.js';
import { VoiceConfigSchema } from '../engine/voice/voice-config.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { LivedeskConfig } from './config.js';
import { warmTurnParts } from './warm-turn-parts.js';
import { createLiveSignalDetector } from './signals/live-signal-detector.js';
import { createPacedAnswerer } from './pacing/paced-answerer.js';
import { createWorkPacer } from './pacing/work-pacer.js';
import { WorkerBackedMatcher } from './matching/worker-backed-matcher.js';
import { DEFAULT_QUESTION_LIMITS } from '../engine/turn/bounded-question.js';

export interface ConversationRuntimeOptions {
  config: LivedeskConfig;
  knowledgeBase: KnowledgeBase;
  /** Where conversation events are committed (SQLite or PostgreSQL; see server/storage/). */
  eventLog: ConversationEventLog<ConversationEvent>;
  clock?: () => Date;
  /** Counts composer fallbacks (LLM errors and timeouts) for metrics. */
  onLlmFallback?: () => void;
  /** Counts LLM answers the leak filter stopped (they repeated the prompt or its grounding). */
  onLlmOutputBlocked?: (kind: OutputLeakKind) => void;
  /** Counts turns that went on without the escalation judge's verdict (its timeouts and errors). */
  onJudgeFallback?: (fallback: JudgeFallback) => void;
  /** Wraps the event log (the real-time channel observes appends to learn their sequence numbers). */
  decorateLog?: (log: ConversationEventLog<ConversationEvent>) => ConversationEventLog<ConversationEvent>;
  /** The matcher's analysis, the intents and any trained model (server/signals/signal-runtime.ts); lexicons only without. */
  signals?: SignalSupport | undefined;
  /**
   * The active signal model as stored (null: none; undefined: one without stored text): with it, and match
   * threads, the signals are read on the threads with the same model. Absent: read on this thread.
   */
  signalModelText?: (() => string | null | undefined) | undefined;
  /** Fills template answers with commerce tools (server/tools/); absent: their fallback lines. */
  fillAnswer?: TurnDependencies['fillAnswer'];
  /** The look-ups offered to the LLM composer (server/tools/composer-tools.ts); absent: none. */
  composerTools?: TurnDependencies['composerTools'];
}

/** Wires the conversation engine: the LLM when configured, the real signals, the configured event log. */
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
          ...(options.onLlmOutputBlocked ? { onOutputBlocked: options.onLlmOutputBlocked } : {}),
          ...(config.tools ? { maxToolRounds: config.tools.maxLlmRounds } : {}),
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
  const signalsConfig = SignalsConfigSchema.parse({});
  // Follows the model the admin activates: the next message is read with it, no restart needed.
  const detector = createLiveSignalDetector(signalsConfig, options.signals ?? {});
  const judge: TurnJudge | undefined = llm?.judge
    ? createTurnJudge({
        judge: createOpenAIEscalationJudge({
          baseURL: llm.baseURL,
          model: llm.model,
          timeoutMs: llm.judge.timeoutMs,
          ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
        }),
        config: JudgeConfigSchema.parse({ timeoutMs: llm.judge.timeoutMs }),
        sensitive: signalsConfig.sensitive,
        onFallback: options.onJudgeFallback,
      })
    : undefined;
  // Answers follow the language each message is written in, Traditional Chinese included.
  const chineseScript = createChineseScript();
  const turnWork = createWorkPacer();
  const matcher = options.knowledgeBase.matcher;
  const signalThreads =
    matcher instanceof WorkerBackedMatcher && options.signalModelText ? matcher : undefined;
  signalThreads?.readSignalsOnThreads({
    detect: (input) => detector.detect(input),
    modelText: options.signalModelText ?? (() => undefined),
  });
  const dependencies: TurnDependencies = {
    // Matching runs on the match workers when there are (server/matching/); otherwise it is queued with
    // the signals and run in slices, so a burst of questions never holds the event loop (issue 12).
    knowledge:
      options.knowledgeBase.matcher instanceof WorkerBackedMatcher
        ? options.knowledgeBase
        : createPacedAnswerer(options.knowledgeBase, turnWork),
    pace: (work, signal) => turnWork.run(work, { signal }),
    questionLimits: { ...DEFAULT_QUESTION_LIMITS, ...config.limits.question },
    composer,
    summarizer,
    detectSignals: (input) => detector.detect(input),
    readSignals: signalThreads && ((input, signal) => signalThreads.readSignals(input, { signal })),
    judge,
    maskPii: maskPiiText,
    policy: POLICY_PRESETS[config.scenario],
    replies: withSafetyHotline(DEFAULT_CANNED_REPLIES, config.safetyHotline),
    clock: options.clock ?? (() => new Date()),
    languageIdentifier: createLanguageIdentifier({ chineseScript }),
    traditionalChinese: chineseScript,
    fillAnswer: options.fillAnswer,
    composerTools: config.tools && config.tools.maxLlmRounds > 0 ? options.composerTools : undefined,
  };
  warmTurnParts(dependencies);
  return new ConversationHub({
    dependencies,
    voice: VoiceConfigSchema.parse({}),
    log: decorateLog(options.eventLog),
    newId: randomUUID,
  });
}

/** The operator's hotline text per language replaces the default one. */
function withSafetyHotline(
  replies: CannedReplies,
  hotline: Readonly<Record<string, string>> | undefined,
): CannedReplies {
  if (!hotline) return replies;
  return Object.fromEntries(
    Object.entries(replies).map(([locale, words]) => [
      locale,
      { ...words, safetyHotline: hotline[locale] ?? words.safetyHotline },
    ]),
  );
}
