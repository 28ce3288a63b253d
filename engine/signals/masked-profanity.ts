import { allMatches } from './all-matches.js';
import { foldPhrase } from './phrase-list.js';

/** Endings a `word*` lexicon entry may take in a masked form: "f*cking", "sh*tty". */
const ENDINGS = ['', 's', 'es', 'ed', 'd', 'ing', 'in', 'er', 'ers', 'y', 'ty'] as const;
/** A word with letters and at least one mask character among or after them: "f**k", "sh*t", "a$$hole". */
const MASKED_TOKEN =
  /(?<![\p{Script=Latin}\p{N}*#@$%~])\p{Script=Latin}[\p{Script=Latin}*#@$%~]*[*#@$%~][\p{Script=Latin}*#@$%~]*/gu;
const MASK_RUN = /[*#@$%~]+/g;

/** The spelled-out forms a masked word may stand for, from the Latin entries of profanity lists. */
export function profanityForms(terms: readonly string[]): Set<string> {
  const forms = new Set<string>();
  for (const term of terms) {
    const folded = foldPhrase(term);
    if (!/^[a-z]+\*?$/.test(folded)) continue;
    if (!folded.endsWith('*')) {
      forms.add(folded);
      continue;
    }
    const stem = folded.slice(0, -1);
    for (const ending of ENDINGS) forms.add(stem + ending);
  }
  return forms;
}

export interface MaskedWord {
  /** As typed: "f**k". */
  masked: string;
  /** What it spells: "fuck". */
  form: string;
  index: number;
}

/**
 * Masked profanity: each run of mask characters stands for as many letters ("f**k" → fuck, "f*cking"
 * → fucking, "sh*t" → shit, "a$$hole" → asshole).
 */
export function findMaskedProfanity(folded: string, forms: ReadonlySet<string>): MaskedWord[] {
  const found: MaskedWord[] = [];
  for (const match of allMatches(MASKED_TOKEN, folded)) {
    const token = match[0];
    const letters = token.replace(MASK_RUN, '').length;
    if (letters === 0 || token.length < 3 || letters === token.length) continue;
    const pattern = new RegExp(`^${token.replace(MASK_RUN, (run) => `[a-z]{${run.length}}`)}$`, 'u');
    for (const form of forms) {
      if (form.length === token.length && pattern.test(form)) {
        found.push({ masked: token, form, index: match.index });
        break;
      }
    }
  }
  return found;
}

/** The text with each masked word spelled out, offsets unchanged, so "f**k you" reads as "fuck you". */
export function unmaskProfanity(folded: string, forms: ReadonlySet<string>): string {
  let text = folded;
  for (const word of findMaskedProfanity(folded, forms))
    text = text.slice(0, word.index) + word.form + text.slice(word.index + word.form.length);
  return text;
}
