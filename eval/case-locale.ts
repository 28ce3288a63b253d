import type { EvalCase } from './eval-case.js';

/**
 * The language a case is reported under: its `locale` field's language when given, else `zh` for text
 * with any Han character (Chinese viewers often mix in English names) and `en` for the rest.
 */
export function caseLocale(evalCase: Pick<EvalCase, 'text' | 'locale'>): string {
  if (evalCase.locale !== undefined) return evalCase.locale.split('-')[0]!;
  return /\p{Script=Han}/u.test(evalCase.text) ? 'zh' : 'en';
}
