import { describe, expect, it } from 'vitest';
import { createChineseScript } from '../../adapters/language/chinese-script.js';
import { normalizeText } from '../text/normalize.js';
import { shippedPacks } from './shipped-packs.js';

const HAN = /\p{Script=Han}/u;
const { toSimplified } = createChineseScript();
const normalize = (text: string): string => normalizeText(text, { toSimplified });

/** Every word a pack gives in one language, with the group that gives it. */
function wordsOf(language: 'zh' | 'en') {
  return shippedPacks().flatMap((pack) =>
    pack.groups.flatMap((group) => {
      const side = group[language];
      if (!side) return [];
      const owner = `${pack.id}/${group.id}`;
      return [
        { word: normalize(side.canonical), owner, canonical: true },
        ...side.variants.map((variant) => ({ word: normalize(variant), owner, canonical: false })),
      ];
    }),
  );
}

describe('shipped domain packs', () => {
  it('parse, with 40 to 120 groups each and unique group ids', () => {
    for (const pack of shippedPacks()) {
      expect(pack.groups.length, pack.id).toBeGreaterThanOrEqual(40);
      expect(pack.groups.length, pack.id).toBeLessThanOrEqual(120);
      expect(new Set(pack.groups.map((group) => group.id)).size, pack.id).toBe(pack.groups.length);
    }
  });

  it.each(['zh', 'en'] as const)('give each %s word to one group only, across all packs', (language) => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const { word, owner } of wordsOf(language)) {
      const first = owners.get(word);
      if (first !== undefined && first !== owner) clashes.push(`${word}: ${first} and ${owner}`);
      owners.set(word, first ?? owner);
    }
    expect(clashes).toEqual([]);
  });

  it.each(['zh', 'en'] as const)(
    'never hide a %s variant inside a canonical word, where the rewrite would cut it apart',
    (language) => {
      const words = wordsOf(language);
      const variants = words.filter((word) => !word.canonical);
      const canonicals = words.filter((word) => word.canonical);
      const inside = (variant: string, canonical: string): boolean =>
        HAN.test(variant)
          ? canonical.includes(variant)
          : new RegExp(`(?<![a-z0-9])${variant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`).test(
              canonical,
            );
      const cut = variants.flatMap((variant) =>
        canonicals
          .filter((canonical) => canonical.word !== variant.word && inside(variant.word, canonical.word))
          .map((canonical) => `${variant.word} (${variant.owner}) in ${canonical.word} (${canonical.owner})`),
      );
      expect(cut).toEqual([]);
    },
  );

  it('carry the slang viewers type, and leave 666 alone since amounts look the same', () => {
    const zh = new Map(wordsOf('zh').map(({ word, owner }) => [word, owner]));
    expect(zh.get('zb')).toBe('show/streamer');
    expect(zh.get('cz')).toBe('general/top-up');
    expect(zh.get('rg')).toBe('general/human-agent');
    expect(zh.get('yyds')).toBe('general/praise');
    expect(zh.has('666')).toBe(false);
    expect(zh.get('退款')).not.toBe(zh.get('退货'));
  });
});
