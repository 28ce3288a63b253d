/** CJK Unified Ideographs: a range large enough that 1,000 characters drawn from it are nearly all distinct. */
const FIRST = 0x4e00;
const COUNT = 0x9fa5 - 0x4e00;

/**
 * `length` characters with no repeats, in a random order: the worst case for the matcher (no cache hit,
 * every character a new token for the lexical side).
 */
export function distinctText(length: number, random: () => number = Math.random): string {
  const picked = new Set<number>();
  while (picked.size < length) picked.add(FIRST + Math.floor(random() * COUNT));
  return String.fromCodePoint(...picked);
}
