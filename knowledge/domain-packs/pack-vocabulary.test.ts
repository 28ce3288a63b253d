import { describe, expect, it } from 'vitest';
import { DomainPackSchema, TermGroupSchema, type DomainPack } from './domain-pack.js';
import { applyOverrides } from './pack-overrides.js';
import { mergeSynonyms, packVocabulary } from './pack-vocabulary.js';
import { selectPacks } from './select-packs.js';

const pack = (id: string, groups: unknown[], scenarios: string[] = []): DomainPack =>
  DomainPackSchema.parse({ id, version: 1, title: { zh: id, en: id }, scenarios, groups });

const topUp = {
  id: 'top-up',
  zh: { canonical: '充值', variants: ['cz', '储值'] },
  en: { canonical: 'top up', variants: ['recharge'] },
};

describe('term group schema', () => {
  it('refuses single Han characters, Chinese on the English side and empty groups', () => {
    expect(TermGroupSchema.safeParse({ id: 'x', zh: { canonical: '充值', variants: ['充'] } }).success).toBe(
      false,
    );
    expect(TermGroupSchema.safeParse({ id: 'x', en: { canonical: '充值' } }).success).toBe(false);
    expect(TermGroupSchema.safeParse({ id: 'x' }).success).toBe(false);
    expect(TermGroupSchema.parse(topUp).enabled).toBe(true);
  });
});

describe('pack vocabulary', () => {
  it('rewrites variants to the canonical word of their own language and glosses Chinese words in English', () => {
    const { synonyms, glossary } = packVocabulary([pack('general', [topUp])]);
    expect(synonyms).toEqual([
      { term: 'cz', canonical: '充值', locale: 'zh' },
      { term: '储值', canonical: '充值', locale: 'zh' },
      { term: 'recharge', canonical: 'top up', locale: 'en' },
    ]);
    expect(glossary.get('储值')).toEqual(['top up', 'recharge']);
    expect(glossary.has('cz')).toBe(false);
  });

  it('leaves out disabled groups, and a term two groups claim goes to the first', () => {
    const first = pack('a', [{ id: 'one', zh: { canonical: '主播', variants: ['zb'] } }]);
    const second = pack('b', [
      { id: 'two', zh: { canonical: '直播', variants: ['zb'] } },
      { ...topUp, enabled: false },
    ]);
    const { synonyms, glossary } = packVocabulary([first, second]);
    expect(synonyms).toEqual([{ term: 'zb', canonical: '主播', locale: 'zh' }]);
    expect(glossary.size).toBe(0);
  });
});

describe('merging with the store', () => {
  const fromPack = packVocabulary([
    pack('p', [
      topUp,
      { id: 'ban', zh: { canonical: '封号', variants: ['封禁'] } },
      { id: 'courier', zh: { canonical: '快递', variants: ['速递'] } },
    ]),
  ]).synonyms;

  it('lets the store own a term it maps, in the languages it applies to', () => {
    const merged = mergeSynonyms([{ term: 'cz', canonical: '充钱', locale: 'zh' }], fromPack);
    expect(merged.filter((synonym) => synonym.term === 'cz')).toEqual([
      { term: 'cz', canonical: '充钱', locale: 'zh' },
    ]);
    const anyLanguage = mergeSynonyms([{ term: 'recharge', canonical: 'reload' }], fromPack);
    expect(anyLanguage.filter((synonym) => synonym.term === 'recharge')).toEqual([
      { term: 'recharge', canonical: 'reload' },
    ]);
  });

  it('never rewrites a store canonical and follows the store where it maps a pack canonical away', () => {
    const merged = mergeSynonyms(
      [
        { term: 'ban', canonical: '封禁', locale: 'zh' },
        { term: '快递', canonical: '物流', locale: 'zh' },
      ],
      fromPack,
    );
    expect(merged.some((synonym) => synonym.term === '封禁')).toBe(false);
    expect(merged).toContainEqual({ term: '速递', canonical: '物流', locale: 'zh' });
    expect(mergeSynonyms([], fromPack)).toEqual(fromPack);
  });
});

describe('overrides', () => {
  it('replaces a shipped group by id and appends groups operators added', () => {
    const shipped = pack('show', [topUp]);
    const [effective] = applyOverrides(
      [shipped],
      [
        { packId: 'show', group: TermGroupSchema.parse({ ...topUp, enabled: false }) },
        {
          packId: 'show',
          group: TermGroupSchema.parse({ id: 'mine', zh: { canonical: '守护', variants: [] } }),
        },
        { packId: 'other', group: TermGroupSchema.parse({ id: 'x', en: { canonical: 'xx', variants: [] } }) },
      ],
    );
    expect(effective!.groups.map((group) => [group.id, group.origin, group.enabled])).toEqual([
      ['top-up', 'edited', false],
      ['mine', 'added', true],
    ]);
  });
});

describe('pack selection', () => {
  const shipped = [
    pack('general', [topUp]),
    pack('show', [topUp], ['show']),
    pack('social', [topUp], ['social']),
  ];

  it('defaults to the scenario plus the packs every scenario loads, or every pack', () => {
    expect(selectPacks(shipped, undefined, 'show')).toEqual({ ok: true, ids: ['general', 'show'] });
    expect(selectPacks(shipped, '', 'social')).toEqual({ ok: true, ids: ['general', 'social'] });
    expect(selectPacks(shipped, undefined, 'all')).toEqual({ ok: true, ids: ['general', 'show', 'social'] });
  });

  it('takes a list or none, and refuses an unknown id by name', () => {
    expect(selectPacks(shipped, ' Show, general ', 'social')).toEqual({ ok: true, ids: ['show', 'general'] });
    expect(selectPacks(shipped, 'none', 'show')).toEqual({ ok: true, ids: [] });
    const refused = selectPacks(shipped, 'show,shwo', 'show');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('"shwo"');
  });
});
