import type { PairMetrics } from './pair-metrics.js';

/** `livedesk eval --pairs --json`: how well the similarity score separates same-meaning question pairs. */
export interface PairReport extends PairMetrics {
  kind: 'livedesk-pair-eval';
  timestamp: string;
  pairsPath: string;
  devPath: string | null;
  embedder: string;
  similarity: string;
  /** ROC AUC of the score on the scored pairs (threshold-free). */
  auc: number | null;
  /** "same" at or above this score; chosen for accuracy on the dev pairs (or, without them, on these). */
  threshold: number;
  thresholdSource: 'dev' | 'same-file';
  devAuc: number | null;
  notes: string[];
}
