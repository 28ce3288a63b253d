import { describe, expect, it } from 'vitest';
import { AngerConfigSchema } from './anger-config.js';

describe('anger config', () => {
  it('fills every list, weight and threshold by default', () => {
    const config = AngerConfigSchema.parse({});
    expect(config.lexicon.insult.terms).toContain('垃圾');
    expect(config.lexicon.angerWord.negatable).toBe(true);
    expect(config.ignore).toContain('垃圾分类');
    expect(config.threshold.zh).toBeGreaterThan(0);
    expect(config.threshold.en).toBeGreaterThan(0);
  });

  it('keeps the other defaults when one field is overridden', () => {
    const config = AngerConfigSchema.parse({ lexicon: { insult: { weight: 0.2 } }, threshold: { en: 0.5 } });
    expect(config.lexicon.insult.weight).toBe(0.2);
    expect(config.lexicon.insult.terms).toContain('idiot*');
    expect(config.lexicon.threat.terms).toContain('投诉');
    expect(config.threshold.zh).toBe(AngerConfigSchema.parse({}).threshold.zh);
  });

  it('rejects weights and thresholds outside 0..1', () => {
    expect(AngerConfigSchema.safeParse({ lexicon: { insult: { weight: 1.5 } } }).success).toBe(false);
    expect(AngerConfigSchema.safeParse({ threshold: { zh: -0.1 } }).success).toBe(false);
    expect(AngerConfigSchema.safeParse({ repeatDecay: 2 }).success).toBe(false);
  });

  it('rejects an empty phrase and a broken pattern', () => {
    expect(AngerConfigSchema.safeParse({ lexicon: { insult: { terms: [''] } } }).success).toBe(false);
    expect(AngerConfigSchema.safeParse({ lexicon: { complaint: { patterns: ['破(手机'] } } }).success).toBe(
      false,
    );
  });
});
