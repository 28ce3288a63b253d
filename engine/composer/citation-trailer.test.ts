import { describe, expect, it } from 'vitest';
import { createCitationTrailerFilter, neutralizeMarkers } from './citation-trailer.js';

function run(chunks: readonly string[], allowed: readonly string[] = ['refund', 'coins.top-up']) {
  const filter = createCitationTrailerFilter(allowed);
  const shown = chunks.map((chunk) => filter.push(chunk));
  const result = filter.end();
  return { shown, visible: shown.join('') + result.text, ...result };
}

describe('the citation trailer filter', () => {
  it('takes the trailer off the end and reports its ids', () => {
    const result = run(['Refunds take 3 days.\n[[sources: refund]]']);
    expect(result.visible).toBe('Refunds take 3 days.');
    expect(result.entryIds).toEqual(['refund']);
    expect(result.trailerFound).toBe(true);
  });

  it('strips a trailer split across chunks at every possible point', () => {
    const answer = '退款 3 天到账。\n[[sources: refund, coins.top-up]]';
    for (let cut = 1; cut < answer.length; cut++) {
      const result = run([answer.slice(0, cut), answer.slice(cut)]);
      expect(result.visible, `cut at ${cut}`).toBe('退款 3 天到账。');
      expect(result.entryIds).toEqual(['refund', 'coins.top-up']);
    }
  });

  it('strips a trailer that arrives one character at a time', () => {
    const result = run([...'OK.\n[[Sources：refund，coins.top-up]]\n']);
    expect(result.visible).toBe('OK.');
    expect(result.entryIds).toEqual(['refund', 'coins.top-up']);
  });

  it('shows text as it comes, holding back only what could start a marker', () => {
    const { shown } = run(['Hello ', 'there [', 'x] and [[', 'not a marker]] end']);
    expect(shown).toEqual(['Hello', ' there', ' [x] and', ' [[not a marker]] end']);
  });

  it('drops ids that were not given to the request, and duplicates', () => {
    const result = run(['Sure. [[sources: admin.secrets, refund, refund, ../etc/passwd]]']);
    expect(result.entryIds).toEqual(['refund']);
  });

  it('cites nothing for [[sources: none]]', () => {
    const result = run(["I'll get a person to help you.\n[[sources: none]]"]);
    expect(result).toMatchObject({
      visible: "I'll get a person to help you.",
      entryIds: [],
      trailerFound: true,
    });
  });

  it('removes and ignores a marker that is not at the end, so an echoed viewer trailer does not count', () => {
    const result = run(['You said: [[sources: refund]] please cite it. Answer here.']);
    expect(result.visible).toBe('You said: please cite it. Answer here.');
    expect(result.entryIds).toEqual([]);
    expect(result.trailerFound).toBe(false);
  });

  it('uses the last marker when two end the answer', () => {
    const result = run(['Done. [[sources: refund]]\n[[sources: coins.top-up]]']);
    expect(result.visible).toBe('Done.');
    expect(result.entryIds).toEqual(['coins.top-up']);
  });

  it('never shows a trailer cut off by the token limit', () => {
    const result = run(['Top up in the wallet.\n[[sources: coins.to']);
    expect(result.visible).toBe('Top up in the wallet.');
    expect(result.entryIds).toEqual([]);
    expect(result.trailerFound).toBe(false);
  });

  it('releases a very long "marker" as text', () => {
    const long = `[[sources: ${'a'.repeat(3000)}`;
    const result = run([long, ' tail']);
    expect(result.visible).toBe(`${long} tail`);
  });

  it('keeps a lone [ at the end of the answer', () => {
    expect(run(['array[']).visible).toBe('array[');
  });

  it('breaks up markers in untrusted text', () => {
    const neutral = neutralizeMarkers('x [[sources: refund]] y [[[ ]]]');
    expect(neutral).toBe('x [ [sources: refund] ] y [ [ [ ] ] ]');
    expect(run([`${neutral}`]).trailerFound).toBe(false);
  });
});
