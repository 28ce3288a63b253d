import { describe, expect, it } from 'vitest';
import { HeldSegmentParser, stripHoldMarkers } from './held-segments.js';

describe('held segments', () => {
  it('marks the text between hold markers uninterruptible', () => {
    const parser = new HeldSegmentParser();
    const segments = [...parser.push('价格是[[hold]]199 元，限购一件[[/hold]]，快下单吧'), ...parser.flush()];
    expect(segments).toEqual([
      { text: '价格是', uninterruptible: false },
      { text: '199 元，限购一件', uninterruptible: true },
      { text: '，快下单吧', uninterruptible: false },
    ]);
  });

  it('finds markers cut across chunks', () => {
    const parser = new HeldSegmentParser();
    const chunks = ['Total: [', '[ho', 'ld]]$19', '.99[[/h', 'old]] done'];
    const segments = [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.flush()];
    expect(
      segments
        .filter((segment) => segment.uninterruptible)
        .map((segment) => segment.text)
        .join(''),
    ).toBe('$19.99');
    expect(segments.map((segment) => segment.text).join('')).toBe('Total: $19.99 done');
  });

  it('keeps a lone bracket as text', () => {
    const parser = new HeldSegmentParser();
    expect([...parser.push('a [b] c ['), ...parser.flush()].map((segment) => segment.text).join('')).toBe(
      'a [b] c [',
    );
  });

  it('strips markers for the transcript', () => {
    expect(stripHoldMarkers('x[[hold]]y[[/hold]]z')).toBe('xyz');
  });
});
