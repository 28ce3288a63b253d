import { describe, expect, it } from 'vitest';
import { LANGUAGE_CASE_CATEGORIES, readViewerLanguageCases } from './viewer-language-case.js';

describe('the labelled viewer-language cases', () => {
  const cases = readViewerLanguageCases();

  it('hold at least 300 distinct short messages, every category in both splits', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((labelled) => labelled.text)).size).toBe(cases.length);
    for (const split of ['dev', 'test'] as const)
      for (const category of LANGUAGE_CASE_CATEGORIES)
        expect(
          cases.filter((labelled) => labelled.split === split && labelled.category === category).length,
          `${split} ${category}`,
        ).toBeGreaterThanOrEqual(10);
  });

  it('label "say nothing" as null and Chinese by script', () => {
    expect(cases.find((labelled) => labelled.text === 'ok')?.language).toBeNull();
    expect(cases.find((labelled) => labelled.text === '儲值沒到帳')?.language).toBe('zh-Hant');
    expect(cases.find((labelled) => labelled.text === 'zb hao shuai')?.language).toBe('zh');
  });
});
