import { describe, expect, it } from 'vitest';
import { TraditionalStream } from './traditional-stream.js';

/** Converts two phrases the way opencc does: a phrase cut in two is converted character by character. */
const convert = (text: string): string =>
  text.replaceAll('软件', '軟體').replaceAll('账号', '帳號').replaceAll('软', '軟');

describe('converting a streamed answer to Traditional', () => {
  it('holds back the open clause, so a phrase cut between chunks converts whole', () => {
    const stream = new TraditionalStream(convert);
    const sent = ['请打开软', '件，登录', '账号。', '好'].map((chunk) => stream.push(chunk));
    expect(sent).toEqual(['', '请打开軟體，', '登录帳號。', '']);
    expect(stream.flush()).toBe('好');
  });

  it('lets a long clause without punctuation through, so the stream never stalls', () => {
    const stream = new TraditionalStream(convert);
    expect(stream.push('很'.repeat(39))).toBe('');
    expect(stream.push('长')).toBe(`${'很'.repeat(39)}长`);
  });
});
