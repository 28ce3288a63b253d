import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskPii } from '../../engine/privacy/mask-pii.js';
import { DEMO_KNOWLEDGE_FILE } from '../../server/demo-knowledge.js';

/** Every string of the demo knowledge base: questions and answers in zh and en, as live-stream viewers write them. */
function demoTexts(): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const line of readFileSync(DEMO_KNOWLEDGE_FILE, 'utf8').split('\n'))
    if (line.trim()) walk(JSON.parse(line));
  return texts;
}

describe('masking the demo knowledge base', () => {
  it('masks nothing in it: its prices, coin amounts, times, order and room numbers are no personal data', () => {
    const texts = demoTexts();
    expect(texts.length).toBeGreaterThan(500);
    const masked = texts.filter((text) => maskPii(text).count > 0);
    expect(masked).toEqual([]);
  });
});
