import type { CaseOutcome } from '../../eval/case-outcome.js';
import { decisionRuleMismatches } from '../../eval/decision-rule-mismatches.js';
import { escalationMetrics } from '../../eval/escalation/escalation-metrics.js';
import { toEscalationOutcomes } from '../../eval/escalation/escalation-outcome.js';
import type { PolicyPresetName } from '../../eval/escalation/turn-verdict.js';
import type { EvalCase } from '../../eval/eval-case.js';
import type { EvalReport } from '../../eval/eval-report.js';
import { scoreOutcomes } from '../../eval/score-outcomes.js';
import { thresholdCurve } from '../../eval/threshold-curve.js';
import { worstMisses } from '../../eval/worst-misses.js';
import type { MatcherConfig } from '../../knowledge/matching/matcher-config.js';

/** What the report says the cases ran against. */
export interface LiveEvalLabels {
  knowledgeBase: string;
  cases: string;
  embedder: string;
  vectorIndex: string;
  /** The matcher settings file the server loaded, if any. */
  configPath: string | null;
}

export interface ScoreLiveEvalInput {
  cases: readonly EvalCase[];
  outcomes: readonly CaseOutcome[];
  matcherConfig: MatcherConfig;
  policy: PolicyPresetName;
  labels: LiveEvalLabels;
  wrongAnswerCost: number;
  missesKept: number;
  timestamp: string;
}

function notesFor(input: ScoreLiveEvalInput): string[] {
  const notes = [
    `asked through the running server's knowledge base (${input.labels.knowledgeBase}) as it stood during the run; edits made meanwhile reach the cases asked after them`,
  ];
  const labelled = input.cases.filter((evalCase) => evalCase.escalate !== undefined).length;
  if (labelled > 0) {
    notes.push(
      `escalation: the ${labelled} case(s) with an "escalate" label were run as a viewer's first message through the live turn's signal detectors and the server's "${input.policy}" policy preset`,
    );
  }
  const mismatches = decisionRuleMismatches(input.outcomes, input.matcherConfig);
  if (mismatches > 0) {
    notes.push(
      `the eval's model of the matcher's decision rule disagrees with the matcher on ${mismatches} case(s): the threshold curve may be off (was the matcher settings file changed after the server started?)`,
    );
  }
  return notes;
}

/** The report `livedesk eval --json` writes, from outcomes gathered on the live knowledge base. */
export function scoreLiveEval(input: ScoreLiveEvalInput): EvalReport {
  const { outcomes, matcherConfig, labels } = input;
  const scores = scoreOutcomes(outcomes);
  return {
    kind: 'livedesk-eval',
    timestamp: input.timestamp,
    kbPath: labels.knowledgeBase,
    casesPath: labels.cases,
    devPath: null,
    synonymsPath: null,
    configPath: labels.configPath,
    embedder: labels.embedder,
    vectorIndex: labels.vectorIndex,
    cases: scores.cases,
    thresholds: {
      ...matcherConfig.thresholds,
      byLocale: matcherConfig.thresholdsByLocale,
      source: labels.configPath === null ? 'default' : 'config',
    },
    tuning: null,
    inScope: scores.inScope,
    outOfScope: scores.outOfScope,
    escalation: escalationMetrics(toEscalationOutcomes(input.cases, outcomes), {
      policy: input.policy,
      missesKept: input.missesKept,
    }),
    notes: notesFor(input),
    byLocale: scores.byLocale,
    latencyMs: scores.latencyMs,
    curve: thresholdCurve(outcomes, { config: matcherConfig, wrongAnswerCost: input.wrongAnswerCost }),
    worstMisses: worstMisses(outcomes, input.missesKept),
  };
}
