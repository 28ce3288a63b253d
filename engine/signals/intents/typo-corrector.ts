import { editDistanceWithin } from './edit-distance.js';

/** How far a typed word may be from one of the intents' words and still be that word. */
export function typoLimit(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/** The most edits `typoLimit` ever allows: known words are filed under this many deletions. */
const MAX_EDITS = 2;

export interface TypoCorrector {
  /**
   * Adds to `into` the keys of the known words a typed word is a slip of ("humna" → `w:human`), shortest
   * known word first, then in the vocabulary's order; nothing for a known word or one too short to tell.
   */
  correct(word: string, into: Set<string>): void;
}

interface KnownWord {
  word: string;
  key: string;
  /** Its place in the vocabulary: ties in length are added in this order. */
  order: number;
}

/** Every string `word` leaves with up to `edits` characters deleted, itself included. */
function deletions(word: string, edits: number): Set<string> {
  const found = new Set([word]);
  let level = [word];
  for (let round = 0; round < edits; round++) {
    const next: string[] = [];
    for (const text of level)
      for (let index = 0; index < text.length; index++) {
        const shorter = text.slice(0, index) + text.slice(index + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    level = next;
  }
  return found;
}

/**
 * Typo correction by a deletion index (SymSpell): each known word is filed under every string it leaves
 * with up to two characters deleted. A substitution, insertion, deletion or swap of neighbours deletes at
 * most one character on each side, so a typed word within k edits of a known word shares one of those
 * strings with it; only the words filed under the typed word's own deletions are measured, instead of
 * every known word of a similar length. What it finds is what measuring them all finds, in the same order.
 */
export function createTypoCorrector(vocabulary: ReadonlyMap<string, string>): TypoCorrector {
  const filed = new Map<string, KnownWord[]>();
  let order = 0;
  for (const [word, key] of vocabulary) {
    const known = { word, key, order: order++ };
    for (const deleted of deletions(word, MAX_EDITS)) {
      const list = filed.get(deleted);
      if (list) list.push(known);
      else filed.set(deleted, [known]);
    }
  }
  return {
    correct(word, into) {
      const limit = typoLimit(word);
      if (limit === 0 || vocabulary.has(word)) return;
      const near = new Set<KnownWord>();
      for (const deleted of deletions(word, limit))
        for (const known of filed.get(deleted) ?? [])
          if (editDistanceWithin(word, known.word, limit) !== undefined) near.add(known);
      const ranked = [...near].sort(
        (first, second) => first.word.length - second.word.length || first.order - second.order,
      );
      for (const known of ranked) into.add(known.key);
    },
  };
}
