import { foldPhrase } from './phrase-list.js';

/** Endings a `word*` lexicon entry may take in a masked form: "f*cking", "sh*tty". */
const ENDINGS = ['', 's', 'es', 'ed', 'd', 'ing', 'in', 'er', 'ers', 'y', 'ty'] as const;
/** A word with letters and at least one mask character among or after them: "f**k", "sh*t", "a$$hole". */
const MASKED_TOKEN = /(?<![\p{Script=Latin}\p{N}*#@$%~])\p{Script=Latin}[\p{Script=Latin}*#@$%~]*[*#@$%~][\p{Script=Latin}*#@$%~]*/gu;
const MASK_RUN = /[*#@$%~]+/g;

/** The spelled-out forms a masked word may stand for, from the Latin entries of a profanity list. */
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

/**
 * Masked profanity: each run of mask characters stands for as many letters ("f**k" → fuck, "f*cking"
 * → fucking, "sh*t" → shit). Returns the masked words that spell a form, as typed.
 */
export function findMaskedProfanity(folded: string, forms: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const match of folded.matchAll(MASKED_TOKEN)) {
    const token = match[0];
    const letters = token.replace(MASK_RUN, '').length;
    if (letters === 0 || token.length < 3 || letters === token.length) continue;
    const pattern = new RegExp(`^${token.replace(MASK_RUN, (run) => `[a-z]{${run.length}}`)}$`, 'u');
    for (const form of forms) {
      if (form.length === token.length && pattern.test(form)) {
        found.push(token);
        break;
      }
    }
  }
  return found;
}
