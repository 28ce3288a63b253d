import type { DecisionThresholds, MatcherConfig } from '../knowledge/matching/matcher-config.js';
import type { EscalationMetrics } from './escalation/escalation-metrics.js';
import type { InScopeMetrics } from './in-scope-metrics.js';
import type { LatencySummary } from './latency-summary.js';
import type { OutOfScopeMetrics } from './out-of-scope-metrics.js';
import type { ScopeMetrics } from './score-outcomes.js';
import type { ThresholdPoint } from './threshold-curve.js';
import type { Miss } from './worst-misses.js';

export type ThresholdSource = 'default' | 'config' | 'dev';

export interface ReportedThresholds extends DecisionThresholds {
  /** Per-language overrides in force (from a settings file). */
  byLocale: MatcherConfig['thresholdsByLocale'];
  source: ThresholdSource;
}

export interface ThresholdTuning {
  objective: string;
  wrongAnswerCost: number;
  devCases: number;
  /** The objective's value at the chosen thresholds, on the dev cases. */
  devObjective: number;
  /** The same objective on the scored cases, for comparison. */
  testObjective: number;
}

/** `livedesk eval --json`: every fraction in 0..1, every time in milliseconds. */
export interface EvalReport {
  kind: 'livedesk-eval';
  timestamp: string;
  kbPath: string;
  casesPath: string;
  devPath: string | null;
  synonymsPath: string | null;
  configPath: string | null;
  embedder: string;
  vectorIndex: string;
  cases: number;
  thresholds: ReportedThresholds;
  tuning: ThresholdTuning | null;
  inScope: InScopeMetrics;
  outOfScope: OutOfScopeMetrics;
  /** The escalation policy against the cases' `escalate` labels; null when no case carries one. */
  escalation: EscalationMetrics | null;
  notes: string[];
  byLocale: Record<string, ScopeMetrics>;
  latencyMs: LatencySummary;
  /** Answered right and wrong on the scored cases as the answer threshold moves (for the report's chart). */
  curve: ThresholdPoint[];
  worstMisses: Miss[];
}
