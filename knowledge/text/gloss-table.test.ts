import { describe, expect, it } from 'vitest';
import { buildGlossTable, glossesOfWord, parseGlossTable, serializeGlossTable } from './gloss-table.js';

const stemEnglish = (word: string): string => word.replace(/(?:ing|s)$/, '');

describe('gloss table', () => {
  const table = buildGlossTable(
    [
      { simplified: '退款', pinyin: 'tui4 kuan3', definitions: ['to refund (money)', 'refund'] },
      { simplified: '播放', pinyin: 'bo1 fang4', definitions: ['to broadcast', 'to transmit'] },
      { simplified: '列表', pinyin: 'lie4 biao3', definitions: ['list'] },
      { simplified: '张', pinyin: 'Zhang1', definitions: ['surname Zhang'] },
      { simplified: '张', pinyin: 'zhang1', definitions: ['to open up', 'CL:個|个[ge4]', 'sheet of paper'] },
      {
        simplified: '东南亚国家联盟',
        pinyin: 'Dong1 nan2 Ya4 Guo2 jia1 Lian2 meng2',
        definitions: ['ASEAN'],
      },
    ],
    { stemEnglish },
  );

  it("keeps the stems of a word's content words, without dictionary prose", () => {
    expect(table.get('退款')).toEqual(['refund']);
    expect(table.get('张')).toEqual(['open', 'sheet', 'paper']);
  });

  it('leaves out headwords longer than four characters', () => {
    expect(table.has('东南亚国家联盟')).toBe(false);
  });

  it('reads a word the dictionary lacks through the words it is made of', () => {
    expect(glossesOfWord(table, '播放列表')).toEqual(['broadcast', 'transmit', 'list']);
  });

  it('survives a round trip through its text form, and rejects other text', () => {
    expect(parseGlossTable(serializeGlossTable(table))).toEqual(table);
    expect(parseGlossTable('something else\n')).toBeUndefined();
  });
});
