import { afterEach, describe, expect, it, vi } from 'vitest';
import { collapseUnchanged, diffTokens, diffWords, type DiffPart, type ShownPart } from './word-diff.js';

const REFUND_7 =
  '礼物属于已消费的虚拟商品，送出后不支持退款。以下情况可以申请：扣了金币但礼物没有送出、账号被盗用消费、未成年人消费。请在 7 天内通过 我的 > 帮助与客服 > 退款申请 提交，1-3 个工作日内处理。';
const REFUND_15 = REFUND_7.replace('请在 7 天内', '请在 15 天内');

const changed = (parts: readonly DiffPart[]) => parts.filter((part) => part.kind !== 'same');
const shownText = (parts: readonly ShownPart[]) =>
  parts
    .map((part) =>
      part.kind === 'elided'
        ? '…'
        : part.kind === 'same'
          ? part.text
          : `${part.kind === 'removed' ? '-' : '+'}[${part.text}]`,
    )
    .join('');

describe('diffWords', () => {
  it('marks the number an edit from 7 天 to 15 天 changed, not the text around it', () => {
    const parts = diffWords(REFUND_7, REFUND_15);
    expect(changed(parts)).toEqual([
      { kind: 'removed', text: '7' },
      { kind: 'added', text: '15' },
    ]);
    expect(
      parts
        .filter((part) => part.kind !== 'added')
        .map((part) => part.text)
        .join(''),
    ).toBe(REFUND_7);
    expect(
      parts
        .filter((part) => part.kind !== 'removed')
        .map((part) => part.text)
        .join(''),
    ).toBe(REFUND_15);
  });

  it('shows a rewritten sentence as old and new, not as scattered common words', () => {
    const before =
      'Go to Me > Wallet > Top Up, pick a coin package and a payment method, and coins arrive right after payment. 1 yuan = 10 coins, minimum top-up is 1 yuan.';
    const after = 'Tap Wallet, then the big Top Up button (edited in the admin).';
    expect(diffWords(before, after)).toEqual([
      { kind: 'removed', text: before.slice(0, -1) },
      { kind: 'added', text: after.slice(0, -1) },
      { kind: 'same', text: '.' },
    ]);
  });

  it('folds a lone shared space into the changes around it', () => {
    expect(diffWords('请在 7 天内', '请在 15 日内')).toEqual([
      { kind: 'same', text: '请在 ' },
      { kind: 'removed', text: '7 天内' },
      { kind: 'added', text: '15 日内' },
    ]);
  });

  it('keeps numbers whole, with their separators', () => {
    expect(changed(diffWords('costs 1,000 coins', 'costs 1,200 coins'))).toEqual([
      { kind: 'removed', text: '1,000' },
      { kind: 'added', text: '1,200' },
    ]);
    expect(changed(diffWords('满 10.5 元', '满 12.5 元'))).toEqual([
      { kind: 'removed', text: '10.5' },
      { kind: 'added', text: '12.5' },
    ]);
  });

  it('compares English by whole words', () => {
    expect(diffWords('Refunds take three days.', 'Refunds take five business days.')).toEqual([
      { kind: 'same', text: 'Refunds take ' },
      { kind: 'removed', text: 'three' },
      { kind: 'added', text: 'five business' },
      { kind: 'same', text: ' days.' },
    ]);
  });

  it('compares Chinese by words rather than by characters', () => {
    expect(changed(diffWords('请联系主播处理', '请联系客服处理'))).toEqual([
      { kind: 'removed', text: '主播' },
      { kind: 'added', text: '客服' },
    ]);
  });

  it('shows insertions and deletions on their own', () => {
    expect(diffWords('show, gifts', 'show, gifts, refund')).toEqual([
      { kind: 'same', text: 'show, gifts' },
      { kind: 'added', text: ', refund' },
    ]);
    expect(diffWords('a b c', 'a c')).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'removed', text: 'b ' },
      { kind: 'same', text: 'c' },
    ]);
    expect(diffWords('', 'new text')).toEqual([{ kind: 'added', text: 'new text' }]);
    expect(diffWords('old text', '')).toEqual([{ kind: 'removed', text: 'old text' }]);
    expect(diffWords('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });

  it('diffs a list of phrasings line by line', () => {
    const parts = diffWords(
      '礼物能退吗\n礼物退款怎么申请\n打赏的钱能要回来吗',
      '礼物能退吗\n礼物退款在哪里申请\n打赏的钱能要回来吗',
    );
    expect(changed(parts)).toEqual([
      { kind: 'removed', text: '怎么' },
      { kind: 'added', text: '在哪里' },
    ]);
  });

  describe('without Intl.Segmenter (Firefox before 125)', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('still keeps numbers and Latin words whole and groups Chinese characters into runs', () => {
      vi.stubGlobal('Intl', { ...Intl, Segmenter: undefined });
      expect(diffTokens('请在 15 天内, refunds 1,000')).toEqual([
        '请',
        '在',
        ' ',
        '15',
        ' ',
        '天',
        '内',
        ',',
        ' ',
        'refunds',
        ' ',
        '1,000',
      ]);
      expect(changed(diffWords('请联系主播处理', '请联系客服处理'))).toEqual([
        { kind: 'removed', text: '主播' },
        { kind: 'added', text: '客服' },
      ]);
      expect(changed(diffWords(REFUND_7, REFUND_15))).toEqual([
        { kind: 'removed', text: '7' },
        { kind: 'added', text: '15' },
      ]);
    });
  });

  it('replaces the whole middle when the texts are too long to compare token by token', () => {
    const before = Array.from({ length: 1500 }, (_, index) => `a${index}`).join(' ');
    const after = Array.from({ length: 1500 }, (_, index) => `b${index}`).join(' ');
    const parts = diffWords(before, after);
    expect(parts.map((part) => part.kind)).toEqual(['removed', 'added']);
  });
});

describe('collapseUnchanged', () => {
  it('keeps the words around a change and folds the rest', () => {
    const shown = shownText(collapseUnchanged(diffWords(REFUND_7, REFUND_15)));
    expect(shown).toContain('-[7]+[15]');
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(REFUND_7.length);
    expect(shown).toContain('请在 -[7]+[15] 天内');
  });

  it('shows short texts whole', () => {
    expect(shownText(collapseUnchanged(diffWords('on', 'off')))).toBe('-[on]+[off]');
    expect(shownText(collapseUnchanged(diffWords('show, gifts', 'show, gifts, refund')))).toBe(
      'show, gifts+[, refund]',
    );
  });

  it('shows only the changed lines of a list, the others folded', () => {
    const lines = ['one question', 'two question', 'three question', 'four question', 'five question'];
    const edited = lines.map((line) => (line === 'four question' ? 'four questions here' : line));
    const shown = shownText(collapseUnchanged(diffWords(lines.join('\n'), edited.join('\n'))));
    expect(shown).toBe('…\nfour -[question]+[questions here]\nfive question');
  });

  it('never hides a changed word however many there are', () => {
    const middle = 'gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron rho sigma tau';
    const before = `alpha beta ${middle} pi`;
    const after = `alpha BETA ${middle} PI`;
    const shown = collapseUnchanged(diffWords(before, after));
    const texts = (kind: DiffPart['kind']) =>
      shown.flatMap((part) => (part.kind === kind && 'text' in part ? [part.text] : []));
    expect(texts('removed')).toEqual(['beta', 'pi']);
    expect(texts('added')).toEqual(['BETA', 'PI']);
    expect(shown.some((part) => part.kind === 'elided')).toBe(true);
  });
});
