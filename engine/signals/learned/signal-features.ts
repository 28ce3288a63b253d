import { hashFeature } from '../../../knowledge/matching/feature-hash.js';
import type { SignalAnalysis } from '../../ports.js';

/** The recipe below; a model trained with another one is refused. */
export const SIGNAL_FEATURE_RECIPE = 'builtin-signals-v1';
export const SIGNAL_FEATURE_DIMENSIONS = 1 << 18;

/** Buckets and values of one message's hashed features, unit length. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const BLOCK_WEIGHTS: Readonly<Record<string, number>> = {
  w: 1,
  z: 1,
  b: 0.7,
  y: 0.5,
  q: 0.5,
  i: 0.5,
  h: 0.5,
  p: 0.3,
  c: 0.3,
};

const COLON = 0x3a;

function blockOf(feature: string): string {
  // Blocks are one letter ("w:human"): its character, without cutting a new string for each feature.
  if (feature.charCodeAt(1) === COLON && feature.charCodeAt(0) !== COLON) return feature.charAt(0);
  const colon = feature.indexOf(':');
  return colon < 0 ? '' : feature.slice(0, colon);
}

/**
 * A message as a classifier reads it: the matcher's analysis (words, sounds, character n-grams), and the
 * lexicons' and intents' findings as features of their own (`cue:anger:insult`, `cue:intent:churn`), so a
 * model learns how far to trust each. Hashed into `dimensions` buckets with signs, then made unit length.
 */
export function signalFeatureVector(
  analysis: Pick<SignalAnalysis, 'features'>,
  cues: readonly string[],
  dimensions = SIGNAL_FEATURE_DIMENSIONS,
): SparseVector {
  const buckets = new Map<number, number>();
  const add = (feature: string, weight: number): void => {
    if (weight === 0) return;
    const { index, sign } = hashFeature(feature, dimensions);
    buckets.set(index, (buckets.get(index) ?? 0) + sign * weight);
  };
  // forEach rather than for-of over entries: no [feature, count] pair is made for each feature.
  analysis.features.forEach((count, feature) => {
    const weight = BLOCK_WEIGHTS[blockOf(feature)];
    if (weight !== undefined) add(feature, weight * (1 + Math.log(count)));
  });
  for (const cue of new Set(cues)) add(`cue:${cue}`, 1.5);
  add('bias:message', 0.5);
  let norm = 0;
  for (const value of buckets.values()) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  // Filled by plain loops and sorted natively as a typed array: pairs sorted with a comparator, or
  // typed arrays built `from` iterators, cost more than all the hashing above.
  const indices = new Int32Array(buckets.size);
  let slot = 0;
  for (const index of buckets.keys()) indices[slot++] = index;
  indices.sort();
  const values = new Float32Array(indices.length);
  for (slot = 0; slot < indices.length; slot++) values[slot] = buckets.get(indices[slot]!)! / norm;
  return { indices, values };
}
