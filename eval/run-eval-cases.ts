import { performance } from 'node:perf_hooks';
import { throwIfAborted } from '../knowledge/errors.js';
import type { MatchDecision } from '../knowledge/matching/match-decision.js';
import type { MatchOptions } from '../knowledge/matching/matcher.js';
import type { CallOptions } from '../knowledge/ports.js';
import { toCaseOutcome, type CaseOutcome } from './case-outcome.js';
import type { TurnJudge } from './escalation/turn-verdict.js';
import type { EvalCase } from './eval-case.js';

/** What the eval asks: `KnowledgeBase`, the object that answers viewers. */
export interface QuestionAnswerer {
  ask(text: string, options?: MatchOptions): Promise<MatchDecision>;
}

/**
 * Questions asked untimed before the timed run: a server answers with warm code and caches, and the
 * first few calls of a fresh process (compilation, lazy loading) would otherwise decide p95 of a small suite.
 */
export const WARM_UP_QUESTIONS = 20;

export interface RunEvalCasesOptions extends CallOptions {
  /** Milliseconds from a monotonic clock; tests may script it. */
  now?: () => number;
  warmUpQuestions?: number;
  /**
   * Runs each decision through the live turn's signals and policy (outside the timed ask), for cases
   * that carry an `escalate` label.
   */
  judgeTurn?: TurnJudge | undefined;
}

/** Asks every case one after another, as viewers' questions arrive, timing each ask on its own. */
export async function runEvalCases(
  answerer: QuestionAnswerer,
  cases: readonly EvalCase[],
  options: RunEvalCasesOptions = {},
): Promise<CaseOutcome[]> {
  const now = options.now ?? (() => performance.now());
  const askOptions = options.signal ? { signal: options.signal } : {};
  for (const evalCase of cases.slice(0, options.warmUpQuestions ?? WARM_UP_QUESTIONS)) {
    await answerer.ask(evalCase.text, askOptions);
  }
  const outcomes: CaseOutcome[] = [];
  for (const evalCase of cases) {
    throwIfAborted(options.signal);
    const started = now();
    const decision = await answerer.ask(evalCase.text, askOptions);
    const latencyMs = now() - started;
    const turn =
      options.judgeTurn === undefined || evalCase.escalate === undefined
        ? undefined
        : options.judgeTurn(evalCase, decision);
    outcomes.push(toCaseOutcome(evalCase, { decision, latencyMs, turn }));
  }
  return outcomes;
}
