import { fnv1a } from '../../../knowledge/matching/feature-hash.js';

/**
 * Ids for a fixed list of strings (each string's place in it), found by hash in a typed array with open
 * addressing, then checked against the string itself. Intent matching looks up every feature of every
 * message among tens of thousands of known ones, with the table mostly out of the cache by the next
 * message: a Map that size costs a longer chain of cache misses a lookup (measured: about twice the time).
 */
export class StringIds {
  private readonly mask: number;
  /** Pairs of [hash, id + 1]; 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly strings: readonly string[];

  constructor(strings: readonly string[]) {
    let capacity = 16;
    while (capacity < strings.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    this.strings = [...strings];
    strings.forEach((text, id) => {
      if (this.idOf(text) >= 0) throw new Error(`duplicate string: ${text}`);
      const hash = hashOf(text);
      let slot = hash & this.mask;
      while (this.slots[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = hash;
      this.slots[slot * 2 + 1] = id + 1;
    });
  }

  /** The string's id, or -1 when it is not in the list. */
  idOf(text: string): number {
    const hash = hashOf(text);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[slot * 2 + 1]!;
      if (stored === 0) return -1;
      if (this.slots[slot * 2] === hash && this.strings[stored - 1] === text) return stored - 1;
    }
  }
}

/** FNV-1a with its bits mixed, so that the low bits that pick a slot vary with the whole string. */
function hashOf(text: string): number {
  const hash = fnv1a(text);
  return Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) ^ (hash >>> 13);
}
