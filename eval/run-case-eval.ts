import { readFile } from 'node:fs/promises';
import { POLICY_PRESETS } from '../engine/policy/escalation-policy-config.js';
import type { CallOptions } from '../knowledge/ports.js';
import type { EmbedderConfig, LivedeskConfig } from '../server/config.js';
import type { MatcherConfig } from '../knowledge/matching/matcher-config.js';
import { answerObjective, describeAnswerObjective } from './answer-objective.js';
import { chooseThresholds } from './choose-thresholds.js';
import type { CaseOutcome } from './case-outcome.js';
import { decisionRuleMismatches } from './decision-rule-mismatches.js';
import { escalationMetrics } from './escalation/escalation-metrics.js';
import { toEscalationOutcomes } from './escalation/escalation-outcome.js';
import { readSignalModelFile } from '../server/signals/signal-model-file.js';
import { createBuiltinSignalSupport } from '../adapters/language/builtin-signal-support.js';
import { createTurnJudge, type PolicyPresetName } from './escalation/turn-verdict.js';
import { EvalCaseSchema, type EvalCase } from './eval-case.js';
import type { EvalReport, ThresholdSource, ThresholdTuning } from './eval-report.js';
import { openEvalKnowledgeBase } from './open-eval-knowledge-base.js';
import { parseJsonLines } from './parse-json-lines.js';
import { readKnowledgeFile, readSynonymsFile } from './read-knowledge-files.js';
import { runEvalCases } from './run-eval-cases.js';
import { scoreOutcomes } from './score-outcomes.js';
import { thresholdCurve } from './threshold-curve.js';
import { worstMisses } from './worst-misses.js';

export interface CaseEvalInput extends CallOptions {
  kbPath: string;
  casesPath: string;
  devPath?: string | undefined;
  synonymsPath?: string | undefined;
  /** Shipped domain packs to load, in order (knowledge/domain-packs); absent or empty: none. */
  domainPacks?: readonly string[] | undefined;
  configPath?: string | undefined;
  embedder: EmbedderConfig;
  vectorIndex: LivedeskConfig['vectorIndex'];
  matcherConfig: MatcherConfig;
  wrongAnswerCost: number;
  missesKept: number;
  /** The escalation policy preset that cases with an `escalate` label are run through (default show). */
  policy?: PolicyPresetName | undefined;
  /** A trained signal model for those cases (livedesk signals train); the word lists and intents alone without. */
  signalsModelPath?: string | undefined;
  now?: () => Date;
}

export interface CaseEvalResult {
  report: EvalReport;
  /** The settings the cases were scored with (the dev-chosen thresholds in place). */
  matcherConfig: MatcherConfig;
}

export async function readCases(file: string): Promise<EvalCase[]> {
  return parseJsonLines(await readFile(file, 'utf8'), EvalCaseSchema, file);
}

function escalationNotes(cases: readonly EvalCase[], policy: PolicyPresetName): string[] {
  const labelled = cases.filter((evalCase) => evalCase.escalate !== undefined).length;
  const reasonOnly = cases.filter(
    (evalCase) => evalCase.escalate === undefined && evalCase.reason !== undefined,
  ).length;
  const notes: string[] = [];
  if (labelled > 0) {
    notes.push(
      `escalation: each of the ${labelled} case(s) with an "escalate" label was run as a viewer's first message (no history, no unanswered turn before it, regular tier unless the case says "tier": "vip") through the live turn's signal detectors and the "${policy}" policy preset; the in-scope and out-of-scope figures still describe the matcher's decision alone`,
    );
  }
  if (reasonOnly > 0) {
    notes.push(`${reasonOnly} case(s) carry a "reason" but no "escalate" label: not scored for escalation`);
  }
  return notes;
}

/**
 * Builds the knowledge base in a fresh temporary store, chooses thresholds on the dev cases when given,
 * then asks every case through the same KnowledgeBase the server answers viewers with, and scores it.
 */
export async function runCaseEval(input: CaseEvalInput): Promise<CaseEvalResult> {
  const [entries, synonyms, cases, devCases, signalModel] = await Promise.all([
    readKnowledgeFile(input.kbPath),
    input.synonymsPath === undefined ? Promise.resolve([]) : readSynonymsFile(input.synonymsPath),
    readCases(input.casesPath),
    input.devPath === undefined ? Promise.resolve(undefined) : readCases(input.devPath),
    input.signalsModelPath === undefined
      ? Promise.resolve(undefined)
      : readSignalModelFile(input.signalsModelPath),
  ]);
  const callOptions = input.signal ? { signal: input.signal } : {};
  const evalBase = await openEvalKnowledgeBase(
    {
      entries,
      synonyms,
      domainPackIds: input.domainPacks ?? [],
      embedder: input.embedder,
      vectorIndex: input.vectorIndex,
      matcherConfig: input.matcherConfig,
    },
    callOptions,
  );
  try {
    const { knowledgeBase } = evalBase;
    let matcherConfig = input.matcherConfig;
    let source: ThresholdSource = input.configPath === undefined ? 'default' : 'config';
    let tuning: Omit<ThresholdTuning, 'testObjective'> | undefined;
    const policy = input.policy ?? 'show';
    const notes = escalationNotes(cases, policy);
    if (signalModel && cases.some((evalCase) => evalCase.escalate !== undefined))
      notes.push(
        `signals: the word lists and intents with the trained model ${input.signalsModelPath} (${Object.keys(signalModel.model.classifiers).join(', ')})`,
      );
    const checkDecisionRule = (outcomes: readonly CaseOutcome[], config: MatcherConfig, which: string) => {
      const mismatches = decisionRuleMismatches(outcomes, config);
      if (mismatches > 0) {
        notes.push(
          `the eval's model of the matcher's decision rule disagrees with the matcher on ${mismatches} ${which} case(s): the threshold curve${which === 'dev' ? ' and the tuned thresholds' : ''} may be off (see eval/would-answer.ts)`,
        );
      }
    };
    if (devCases !== undefined) {
      const devOutcomes = await runEvalCases(knowledgeBase, devCases, callOptions);
      checkDecisionRule(devOutcomes, matcherConfig, 'dev');
      const choice = chooseThresholds(devOutcomes, {
        config: matcherConfig,
        wrongAnswerCost: input.wrongAnswerCost,
      });
      matcherConfig = choice.config;
      knowledgeBase.matcher.useConfig(matcherConfig);
      source = 'dev';
      tuning = {
        objective: describeAnswerObjective(input.wrongAnswerCost),
        wrongAnswerCost: input.wrongAnswerCost,
        devCases: devCases.length,
        devObjective: choice.objective,
      };
    }
    const labelled = cases.some((evalCase) => evalCase.escalate !== undefined);
    const outcomes = await runEvalCases(knowledgeBase, cases, {
      ...callOptions,
      judgeTurn: labelled
        ? createTurnJudge({
            policy: POLICY_PRESETS[policy],
            support: {
              ...createBuiltinSignalSupport({ synonyms, entries }),
              ...(signalModel ? { learned: signalModel.learned } : {}),
            },
          })
        : undefined,
    });
    checkDecisionRule(outcomes, matcherConfig, 'scored');
    const scores = scoreOutcomes(outcomes);
    const testTally = { cases: outcomes.length, right: 0, wrong: 0 };
    for (const outcome of outcomes) {
      if (outcome.answeredId === null) continue;
      if (outcome.answeredId === outcome.expected) testTally.right += 1;
      else testTally.wrong += 1;
    }
    const report: EvalReport = {
      kind: 'livedesk-eval',
      timestamp: (input.now ?? (() => new Date()))().toISOString(),
      kbPath: input.kbPath,
      casesPath: input.casesPath,
      devPath: input.devPath ?? null,
      synonymsPath: input.synonymsPath ?? null,
      configPath: input.configPath ?? null,
      embedder: evalBase.embedderId,
      vectorIndex: input.vectorIndex,
      cases: scores.cases,
      thresholds: { ...matcherConfig.thresholds, byLocale: matcherConfig.thresholdsByLocale, source },
      tuning:
        tuning === undefined
          ? null
          : { ...tuning, testObjective: answerObjective(testTally, input.wrongAnswerCost) },
      inScope: scores.inScope,
      outOfScope: scores.outOfScope,
      escalation: escalationMetrics(toEscalationOutcomes(cases, outcomes), {
        policy,
        missesKept: input.missesKept,
      }),
      notes,
      byLocale: scores.byLocale,
      latencyMs: scores.latencyMs,
      curve: thresholdCurve(outcomes, { config: matcherConfig, wrongAnswerCost: input.wrongAnswerCost }),
      worstMisses: worstMisses(outcomes, input.missesKept),
    };
    return { report, matcherConfig };
  } finally {
    await evalBase.close();
  }
}
