import { SIGNAL_FEATURE_RECIPE } from '../../engine/signals/learned/signal-features.js';
import type { SignalModel } from '../../engine/signals/learned/signal-model.js';

/**
 * A hand-made model whose request classifier fires on every message (a large bias, no weights): whatever a
 * viewer says escalates as a request for a person while it is active, so a test can see which model reads.
 */
export function alwaysFiresSignalModel(createdAt = '2026-12-07T00:00:00.000Z'): SignalModel {
  return {
    format: 'livedesk-signal-model',
    version: 1,
    createdAt,
    featureSpace: { dimensions: 1024, recipe: SIGNAL_FEATURE_RECIPE },
    sources: ['hand-made'],
    classifiers: {
      human_request: {
        bias: 8,
        weights: [],
        threshold: 0.5,
        combine: 'union',
        training: { examples: 0, positives: 0, heldOut: { source: 'dev', precision: 1, recall: 1, f1: 1 } },
      },
    },
  };
}
