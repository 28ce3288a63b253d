import type { Locale } from '../../../knowledge/entry.js';
import type { SignalReport } from '../../policy/signal-report.js';
import type { EscalationJudge, EscalationVerdict } from '../../ports.js';
import type { SensitiveTopicsConfig, Severity } from '../sensitive-topics-config.js';
import { createCachedEscalationJudge } from './cached-escalation-judge.js';
import type { JudgeConfig } from './judge-config.js';
import { mergeJudgeVerdict } from './merge-judge-verdict.js';

/** Why a turn went on without the judge: it did not answer within the time box, or it failed. */
export interface JudgeFallback {
  reason: 'timeout' | 'error';
  /** For logs; never shown to a viewer. */
  error: unknown;
}

/** The judge as a turn uses it (TurnDependencies.judge). */
export interface TurnJudge {
  /**
   * Starts judging the (masked) message at once, to run beside the matcher. Never rejects: the verdict, or
   * undefined when the time box passed, the judge failed or answered nonsense, or the turn was aborted.
   */
  start(
    text: string,
    options: { signal: AbortSignal; language?: Locale | undefined },
  ): Promise<EscalationVerdict | undefined>;
  /** The verdict's evidence added to the offline signals (mergeJudgeVerdict). */
  merge(signals: SignalReport, verdict: EscalationVerdict): SignalReport;
}

export interface TurnJudgeOptions {
  judge: EscalationJudge;
  config: JudgeConfig;
  /** The word lists' severities, so a category the judge adds weighs what the lists would give it. */
  sensitive: SensitiveTopicsConfig;
  /** Told each time a turn goes on without a verdict (not on barge-in), e.g. to count it. */
  onFallback?: ((fallback: JudgeFallback) => void) | undefined;
}

/**
 * Wraps an EscalationJudge for turns: one verdict per distinct message (cached, shared while in flight),
 * bounded by the time box through the request's own signal (the request is closed when it passes, not
 * left running), and every failure turned into "no verdict" so the offline signals decide alone.
 */
export function createTurnJudge(options: TurnJudgeOptions): TurnJudge {
  const { config, onFallback } = options;
  const judge = createCachedEscalationJudge(options.judge, { capacity: config.cacheSize });
  const severities = new Map<string, Severity>([
    ...options.sensitive.categories.map((category) => [category.category, category.severity] as const),
    [options.sensitive.largeDispute.category, options.sensitive.largeDispute.severity],
  ]);
  return {
    async start(text, { signal, language }) {
      if (signal.aborted) return undefined;
      const deadline = AbortSignal.timeout(config.timeoutMs);
      const bounded = AbortSignal.any([signal, deadline]);
      try {
        // The cache lets go of its caller the moment the signal fires, whatever the request does.
        return await judge.judge(text, { signal: bounded, language });
      } catch (error) {
        // Barge-in: the turn is over, nothing fell back.
        if (signal.aborted) return undefined;
        onFallback?.({ reason: deadline.aborted ? 'timeout' : 'error', error });
        return undefined;
      }
    },
    merge: (signals, verdict) =>
      mergeJudgeVerdict(signals, verdict, { angerThreshold: config.angerThreshold, severities }),
  };
}
