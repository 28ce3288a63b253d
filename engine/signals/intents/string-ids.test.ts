import { describe, expect, it } from 'vitest';
import { StringIds } from './string-ids.js';

describe('ids of a fixed list of strings', () => {
  it('gives each string its place in the list and -1 to any other', () => {
    const strings = Array.from({ length: 5000 }, (_, index) => `c:${index.toString(36)}`);
    const ids = new StringIds([...strings, 'z:人工', 'w:human', '']);
    strings.forEach((text, index) => expect(ids.idOf(text)).toBe(index));
    expect(ids.idOf('z:人工')).toBe(5000);
    expect(ids.idOf('w:human')).toBe(5001);
    expect(ids.idOf('')).toBe(5002);
    expect(ids.idOf('z:人')).toBe(-1);
    expect(ids.idOf('w:humans')).toBe(-1);
    expect(ids.idOf('c:zzzz')).toBe(-1);
  });

  it('refuses a list that holds a string twice', () => {
    expect(() => new StringIds(['a', 'b', 'a'])).toThrow();
  });
});
