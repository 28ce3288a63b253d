import { describe, expect, it } from 'vitest';
import { EntrySchema } from '../../knowledge/entry.js';
import { CONFUSABLE_KB } from '../test-support/confusable-kb.js';
import { DEFAULT_MATCHER_CONFIG } from '../../knowledge/matching/matcher-config.js';
import { runEditorReport } from './run-editor-report.js';

const options = {
  embedder: { kind: 'builtin' } as const,
  vectorIndex: 'auto' as const,
  matcherConfig: DEFAULT_MATCHER_CONFIG,
  synonyms: [],
};

describe('the editor report on a real knowledge base', () => {
  it('lists the pair written alike, the thin entry, and a gap question with the change it makes', async () => {
    const entries = CONFUSABLE_KB.map((entry) => EntrySchema.parse(entry));
    const report = await runEditorReport({
      ...options,
      entries,
      suite: {
        label: 'cases',
        cases: [
          { text: 'how to delete the account', expected: 'account.delete' },
          { text: 'muted in chat why', expected: 'danmaku.mute' },
          { text: 'I want to be a streamer how do I start', expected: 'streamer.apply' },
          { text: 'what is the weather tomorrow', expected: null },
          { text: 'a question for an entry this base lacks', expected: 'no.such.entry' },
        ],
      },
      gaps: [{ question: 'how can I start streaming as a host', asked: 7 }],
      gapMinConfidence: 0,
    });
    expect(report.phrasings).toMatchObject({ total: 17, tested: 17 });
    const coins = ['coins.top-up', 'coins.recharge'];
    const coinPairs = report.confusedPairs.filter(
      (pair) => coins.includes(pair.entryId) && coins.includes(pair.confusedWith),
    );
    expect(coinPairs.reduce((total, pair) => total + pair.wrong + pair.clarified, 0)).toBeGreaterThanOrEqual(
      1,
    );
    expect(coins).toContain(report.confusedPairs[0]!.entryId);
    expect(coinPairs[0]!.phrasings[0]!.text).toMatch(/top up/);
    // Written unlike anything else: its own phrasings find it.
    const involved = report.confusedPairs.flatMap((pair) => [pair.entryId, pair.confusedWith]);
    expect(involved).not.toContain('account.delete');
    // At least one of the pair misses some of its own phrasings (which one depends on the classifier's order).
    expect(report.entryAccuracy.some((row) => coins.includes(row.entryId))).toBe(true);
    // Its only phrasing is not left out (nothing would find it); the weak-entry list names it instead.
    expect(report.entryAccuracy.map((row) => row.entryId)).not.toContain('streamer.apply');
    expect(report.weakEntries).toEqual([
      { entryId: 'streamer.apply', issues: [{ kind: 'few-phrasings', locale: 'en', phrasings: 1 }] },
    ]);
    expect(report.suite).toMatchObject({ cases: 4, skipped: 1, inScope: 3, outOfScope: 1 });
    const suggestion = report.suggestions.find((candidate) => candidate.source === 'gap');
    expect(suggestion).toMatchObject({
      entryId: 'streamer.apply',
      locale: 'en',
      phrasing: 'how can I start streaming as a host',
      asked: 7,
    });
    const delta = suggestion!.delta!;
    expect(delta.change.answeredRight).toBe(delta.with.answeredRight - delta.without.answeredRight);
    expect(report.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('samples when asked for fewer phrasings, and says so; dismissed suggestions stay away', async () => {
    const entries = CONFUSABLE_KB.map((entry) => EntrySchema.parse(entry));
    const first = await runEditorReport({
      ...options,
      entries,
      gaps: [{ question: 'how can I start streaming as a host', asked: 7 }],
      gapMinConfidence: 0,
      maxTestedPhrasings: 5,
    });
    expect(first.phrasings).toMatchObject({ total: 17, tested: 5 });
    expect(first.notes).toContainEqual({ kind: 'sampled', tested: 5, total: 17, maxTested: 5 });
    expect(first.suggestions[0]!.delta).toBeNull();
    const second = await runEditorReport({
      ...options,
      entries,
      gaps: [{ question: 'how can I start streaming as a host', asked: 7 }],
      gapMinConfidence: 0,
      maxTestedPhrasings: 5,
      dismissed: new Set([first.suggestions[0]!.id]),
    });
    expect(second.suggestions.map((suggestion) => suggestion.id)).not.toContain(first.suggestions[0]!.id);
  });
});
