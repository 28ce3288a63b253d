import { readFile } from 'node:fs/promises';
import type { CallOptions } from '../../knowledge/ports.js';
import type { EmbedderConfig } from '../../server/config.js';
import { createEmbedder } from '../../server/create-embedder.js';
import { PairCaseSchema, type PairCase } from '../pair-case.js';
import { parseJsonLines } from '../parse-json-lines.js';
import { bestAccuracyThreshold } from './best-accuracy-threshold.js';
import { pairMetrics } from './pair-metrics.js';
import type { PairReport } from './pair-report.js';
import { rocAuc } from './roc-auc.js';
import { scorePairs } from './score-pairs.js';

export interface PairEvalInput extends CallOptions {
  pairsPath: string;
  devPath?: string | undefined;
  embedder: EmbedderConfig;
  now?: () => Date;
}

async function readPairs(file: string): Promise<PairCase[]> {
  return parseJsonLines(await readFile(file, 'utf8'), PairCaseSchema, file);
}

const textsOf = (pairs: readonly PairCase[]) => pairs.flatMap((pair) => [pair.a, pair.b]);

/**
 * Scores question pairs with the embedder's cosine similarity: AUC shows how well the score ranks same
 * above different, and the accuracy at a threshold chosen on the dev pairs shows what a cut-off achieves.
 * A learning embedder fits its term weights on the dev questions (on the scored ones without a dev file).
 */
export async function runPairEval(input: PairEvalInput): Promise<PairReport> {
  const [pairs, devPairs] = await Promise.all([
    readPairs(input.pairsPath),
    input.devPath === undefined ? Promise.resolve(undefined) : readPairs(input.devPath),
  ]);
  const fitTexts = textsOf(devPairs ?? pairs);
  const callOptions = input.signal ? { signal: input.signal } : {};
  const { embedder, close } = await createEmbedder(input.embedder, callOptions);
  try {
    const same = pairs.map((pair) => pair.same);
    const scores = await scorePairs(embedder, pairs, { ...callOptions, fitTexts });
    let threshold: number;
    let devAuc: number | null = null;
    if (devPairs === undefined) {
      threshold = bestAccuracyThreshold(scores, same);
    } else {
      const devScores = await scorePairs(embedder, devPairs, { ...callOptions, fitTexts });
      const devSame = devPairs.map((pair) => pair.same);
      threshold = bestAccuracyThreshold(devScores, devSame);
      devAuc = rocAuc(devScores, devSame);
    }
    const notes =
      devPairs === undefined
        ? [
            'the threshold was chosen on the scored pairs themselves, so the accuracy is optimistic; pass --dev',
          ]
        : [];
    return {
      kind: 'livedesk-pair-eval',
      timestamp: (input.now ?? (() => new Date()))().toISOString(),
      pairsPath: input.pairsPath,
      devPath: input.devPath ?? null,
      embedder: embedder.id,
      similarity: 'cosine of the embeddings',
      auc: rocAuc(scores, same),
      threshold,
      thresholdSource: devPairs === undefined ? 'same-file' : 'dev',
      devAuc,
      ...pairMetrics({ scores, same, threshold }),
      notes,
    };
  } finally {
    await close();
  }
}
