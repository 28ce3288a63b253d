import { setImmediate as nextTurn } from 'node:timers/promises';
import { POLICY_PRESETS } from '../../engine/policy/escalation-policy-config.js';
import type { SignalSupport } from '../../engine/signals/detect-signals.js';
import { createTurnJudge, type PolicyPresetName } from '../../eval/escalation/turn-verdict.js';
import type { CaseOutcome } from '../../eval/case-outcome.js';
import type { EvalCase } from '../../eval/eval-case.js';
import type { EvalReport } from '../../eval/eval-report.js';
import { runEvalCases, WARM_UP_QUESTIONS, type QuestionAnswerer } from '../../eval/run-eval-cases.js';
import { throwIfAborted } from '../../knowledge/errors.js';
import type { MatcherConfig } from '../../knowledge/matching/matcher-config.js';
import { scoreLiveEval, type LiveEvalLabels } from './score-live-eval.js';

/** Called before each question; the default yields to the event loop so viewers are served meanwhile. */
export type EvalPace = (asked: number, signal: AbortSignal) => Promise<void>;

export const yieldBetweenQuestions: EvalPace = async (_asked, signal) => {
  await nextTurn(undefined, { signal });
};

export interface LiveEvalInput {
  knowledgeBase: QuestionAnswerer;
  cases: readonly EvalCase[];
  matcherConfig: MatcherConfig;
  policy: PolicyPresetName;
  /** Without it the turn judge reads with the word lists alone. */
  signals?: SignalSupport | undefined;
  labels: LiveEvalLabels;
  wrongAnswerCost: number;
  missesKept: number;
  signal: AbortSignal;
  /** Questions asked so far (the untimed warm-up included) out of `total`. */
  onProgress: (asked: number, total: number) => void;
  pace?: EvalPace | undefined;
  now: () => Date;
}

/** Questions a run asks in all: the eval's untimed warm-up, then every case once. */
export function questionsAsked(cases: number): number {
  return Math.min(cases, WARM_UP_QUESTIONS) + cases;
}

/**
 * Asks every case through the knowledge base the server answers viewers with, with the CLI's own case
 * runner, turn judge and metrics, and returns the report `livedesk eval --json` would write. The cases
 * go one at a time with a pause between them (outside the timed ask), so viewers are served meanwhile.
 */
export async function runLiveEval(input: LiveEvalInput): Promise<EvalReport> {
  const { signal, knowledgeBase } = input;
  const pace = input.pace ?? yieldBetweenQuestions;
  const total = questionsAsked(input.cases.length);
  let asked = 0;
  const step = async () => {
    await pace(asked, signal);
    throwIfAborted(signal);
  };
  const progressed = () => {
    asked += 1;
    input.onProgress(asked, total);
  };
  const labelled = input.cases.some((evalCase) => evalCase.escalate !== undefined);
  const judgeTurn = labelled
    ? createTurnJudge({ policy: POLICY_PRESETS[input.policy], support: input.signals })
    : undefined;
  for (const evalCase of input.cases.slice(0, WARM_UP_QUESTIONS)) {
    await step();
    await knowledgeBase.ask(evalCase.text, { signal });
    progressed();
  }
  const outcomes: CaseOutcome[] = [];
  for (const evalCase of input.cases) {
    await step();
    outcomes.push(
      ...(await runEvalCases(knowledgeBase, [evalCase], { signal, judgeTurn, warmUpQuestions: 0 })),
    );
    progressed();
  }
  return scoreLiveEval({
    cases: input.cases,
    outcomes,
    matcherConfig: input.matcherConfig,
    policy: input.policy,
    labels: input.labels,
    wrongAnswerCost: input.wrongAnswerCost,
    missesKept: input.missesKept,
    timestamp: input.now().toISOString(),
  });
}
