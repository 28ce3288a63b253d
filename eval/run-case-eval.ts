import { readFile } from 'node:fs/promises';
import type { CallOptions } from '../knowledge/ports.js';
import type { EmbedderConfig } from '../server/config.js';
import type { MatcherConfig } from '../knowledge/matching/matcher-config.js';
import { answerObjective, describeAnswerObjective } from './answer-objective.js';
import { chooseThresholds } from './choose-thresholds.js';
import type { CaseOutcome } from './case-outcome.js';
import { decisionRuleMismatches } from './decision-rule-mismatches.js';
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
  configPath?: string | undefined;
  embedder: EmbedderConfig;
  vectorIndex: 'exact' | 'hnsw';
  matcherConfig: MatcherConfig;
  wrongAnswerCost: number;
  missesKept: number;
  now?: () => Date;
}

export interface CaseEvalResult {
  report: EvalReport;
  /** The settings the cases were scored with (the dev-chosen thresholds in place). */
  matcherConfig: MatcherConfig;
}

async function readCases(file: string): Promise<EvalCase[]> {
  return parseJsonLines(await readFile(file, 'utf8'), EvalCaseSchema, file);
}

function escalationNote(cases: readonly EvalCase[]): string {
  const labelled = cases.filter((evalCase) => evalCase.escalate !== undefined).length;
  const why =
    'escalation is not measured yet: handing over (anger, a request for a human, a sensitive topic) is decided by the conversation engine, which the eval does not run yet';
  return labelled === 0
    ? `${why}.`
    : `${why}; ${labelled} case(s) carry "escalate" labels that were not scored.`;
}

/**
 * Builds the knowledge base in a fresh temporary store, chooses thresholds on the dev cases when given,
 * then asks every case through the same KnowledgeBase the server answers viewers with, and scores it.
 */
export async function runCaseEval(input: CaseEvalInput): Promise<CaseEvalResult> {
  const [entries, synonyms, cases, devCases] = await Promise.all([
    readKnowledgeFile(input.kbPath),
    input.synonymsPath === undefined ? Promise.resolve([]) : readSynonymsFile(input.synonymsPath),
    readCases(input.casesPath),
    input.devPath === undefined ? Promise.resolve(undefined) : readCases(input.devPath),
  ]);
  const callOptions = input.signal ? { signal: input.signal } : {};
  const evalBase = await openEvalKnowledgeBase(
    {
      entries,
      synonyms,
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
    const notes = [escalationNote(cases)];
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
    const outcomes = await runEvalCases(knowledgeBase, cases, callOptions);
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
      escalation: null,
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
