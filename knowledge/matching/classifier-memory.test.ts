import { describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { EntrySchema, type Entry } from '../entry.js';
import { createExactVectorIndex } from './exact-vector-index.js';
import { Matcher } from './matcher.js';
import { DEFAULT_MATCHER_CONFIG, mergeMatcherConfig, type MatcherConfigOverrides } from './matcher-config.js';

const TOPICS = ['password', 'refund', 'gift', 'coins', 'stream', 'ban', 'replay', 'invoice'] as const;

/** Made-up words no other phrasing shares, so every phrasing brings new features. */
function noiseWords(seed: number, count: number): string {
  const words: string[] = [];
  for (let index = 0; index < count; index++) {
    const value = Math.imul(seed * 131 + index, 2654435761) >>> 0;
    words.push(`q${value.toString(36)}z`);
  }
  return words.join(' ');
}

/** Entries with long phrasings full of distinct words: each topic word marks its entry. */
function longEntries(prefix: string, seedBase: number): Entry[] {
  return TOPICS.map((topic, topicIndex) =>
    EntrySchema.parse({
      id: `${prefix}.${topic}`,
      locale: 'en',
      questions: [0, 1, 2].map(
        (phrasing) => `${topic} ${topic} ${noiseWords(seedBase + topicIndex * 10 + phrasing, 40)}`,
      ),
      answer: `About ${topic}.`,
    }),
  );
}

async function matcherOver(entries: readonly Entry[], overrides: MatcherConfigOverrides): Promise<Matcher> {
  const embedder = createBuiltinEmbedder();
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
    config: mergeMatcherConfig(DEFAULT_MATCHER_CONFIG, overrides),
  });
  await matcher.rebuild(entries, []);
  return matcher;
}

describe('the classifier memory cap', () => {
  it('keeps the feature rows within maxFeatureRows, and still ranks with the classifier', async () => {
    const entries = longEntries('kb', 1);
    const uncapped = await matcherOver(entries, {});
    // Without the cap these phrasings need more rows, so the cap below is what holds them.
    expect(uncapped.classifierFeatureRows).toBeGreaterThan(512);
    const capped = await matcherOver(entries, { classifier: { maxFeatureRows: 512 } });
    expect(capped.classifierFeatureRows).toBeLessThanOrEqual(512);
    for (const topic of TOPICS) {
      const decision = await capped.match(`${topic} please`);
      expect(decision.candidates[0]?.entryId).toBe(`kb.${topic}`);
      // Late entries' features share buckets, so their probabilities are lower, but the classifier reads.
      expect(decision.candidates[0]?.scores.classifier).toBeGreaterThan(0);
    }
    // Edits bring more new features; the rows stay within the cap.
    for (const edit of longEntries('edit', 500)) await capped.upsertEntry(edit);
    expect(capped.classifierFeatureRows).toBeLessThanOrEqual(512);
  });

  it('caps the rows lower when many classes would make them take more than maxBytes', async () => {
    const entries = longEntries('kb', 1);
    const classes = entries.length + 3;
    // Room for 4,100 rows with this many classes: under the 65,536 default, over the 4,096 minimum.
    const matcher = await matcherOver(entries, { classifier: { maxBytes: 4_100 * classes * 4 } });
    expect(matcher.classifierFeatureRows).toBeLessThanOrEqual(4_100);
    expect((await matcher.match('refund please')).candidates[0]?.scores.classifier).toBeGreaterThan(0);
    // Not even 4,096 rows fit: the knowledge base is ranked without the classifier.
    const starved = await matcherOver(entries, { classifier: { maxBytes: 4_000 * classes * 4 } });
    expect((await starved.match('refund please')).candidates[0]?.scores.classifier).toBeUndefined();
  });

  it('gives the rows back at a full rebuild: edits between rebuilds do not ratchet memory up', async () => {
    const small = longEntries('kb', 1).slice(0, 2);
    const matcher = await matcherOver(small, {});
    const before = matcher.classifierFeatureRows;
    for (const edit of longEntries('edit', 900)) await matcher.upsertEntry(edit);
    const grown = matcher.classifierFeatureRows;
    expect(grown).toBeGreaterThan(before);
    for (const edit of longEntries('edit', 900)) matcher.removeEntry(edit.id);
    await matcher.rebuild(small, []);
    expect(matcher.classifierFeatureRows).toBe(before);
  });
});
