import { describe, expect, it } from 'vitest';
import type { SignalReport } from '../../policy/signal-report.js';
import type { EscalationVerdict } from '../../ports.js';
import { mergeJudgeVerdict } from './merge-judge-verdict.js';

const calm: SignalReport = {
  anger: { score: 0.1, detected: false, cues: [], trend: 'steady', mild: false },
  humanRequest: { detected: false, cues: [] },
  repetition: { detected: false, similarity: 0, cues: [] },
  sensitive: { categories: [] },
  vip: false,
};
const nothing: EscalationVerdict = { wantsPerson: false, anger: 0, sensitive: null, language: 'en' };
const options = { angerThreshold: 0.7, severities: new Map([['fraud', 'high' as const]]) };

describe('mergeJudgeVerdict', () => {
  it('adds a request for a person, anger over the threshold and a category, each with an llm cue', () => {
    const merged = mergeJudgeVerdict(
      calm,
      { wantsPerson: true, anger: 0.82, sensitive: 'fraud', language: 'en' },
      options,
    );
    expect(merged.humanRequest).toEqual({ detected: true, cues: ['llm:wants a person'] });
    expect(merged.anger).toMatchObject({
      detected: true,
      score: 0.82,
      cues: ['llm:anger 0.82'],
      mild: false,
    });
    expect(merged.sensitive.categories).toEqual([{ category: 'fraud', severity: 'high', cues: ['llm'] }]);
  });

  it('leaves anger under the threshold to the offline signals', () => {
    expect(mergeJudgeVerdict(calm, { ...nothing, anger: 0.69 }, options)).toEqual(calm);
  });

  it('never takes away what the offline signals found', () => {
    const found: SignalReport = {
      ...calm,
      anger: { score: 0.9, detected: true, cues: ['insult:垃圾'], trend: 'rising' },
      humanRequest: { detected: true, cues: ['转人工'], pure: true },
      sensitive: { categories: [{ category: 'minor_spending', severity: 'high', cues: ['孩子'] }] },
    };
    expect(mergeJudgeVerdict(found, nothing, options)).toEqual(found);
  });

  it('corroborates a category already found, and puts a safety matter first with critical severity', () => {
    const found: SignalReport = {
      ...calm,
      sensitive: { categories: [{ category: 'fraud', severity: 'high', cues: ['被骗'] }] },
    };
    expect(mergeJudgeVerdict(found, { ...nothing, sensitive: 'fraud' }, options).sensitive).toEqual({
      categories: [{ category: 'fraud', severity: 'high', cues: ['被骗', 'llm'] }],
    });
    expect(
      mergeJudgeVerdict(found, { ...nothing, sensitive: 'safety' }, options).sensitive.categories.map(
        (topic) => [topic.category, topic.severity],
      ),
    ).toEqual([
      ['safety', 'critical'],
      ['fraud', 'high'],
    ]);
  });

  it('keeps the higher offline anger score and adds the judge’s reading beside its cues', () => {
    const angry: SignalReport = {
      ...calm,
      anger: { score: 0.95, detected: true, cues: ['insult:垃圾'], trend: 'steady' },
    };
    expect(mergeJudgeVerdict(angry, { ...nothing, anger: 0.75 }, options).anger).toMatchObject({
      score: 0.95,
      cues: ['insult:垃圾', 'llm:anger 0.75'],
    });
  });
});
