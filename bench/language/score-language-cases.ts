import {
  LANGUAGE_CASE_CATEGORIES,
  type ViewerLanguageCase,
} from '../../eval/language/viewer-language-case.js';

/** Right in full: the script too ('zh-Hant' for a Traditional message; any Chinese for a 'zh' label). */
export function isExactlyRight(expected: string | null, predicted: string | undefined): boolean {
  if (expected === null) return predicted === undefined;
  if (predicted === undefined) return false;
  if (expected === 'zh') return predicted === 'zh' || predicted.startsWith('zh-');
  return predicted === expected;
}

/** Right about the language, whatever the script: what a library without script rules can get. */
export function isLanguageRight(expected: string | null, predicted: string | undefined): boolean {
  if (expected === null || predicted === undefined) return expected === null && predicted === undefined;
  return expected.split('-')[0] === predicted.split('-')[0];
}

export interface Tally {
  cases: number;
  exact: number;
  language: number;
}

export interface LanguageScore {
  overall: Tally;
  byCategory: Record<ViewerLanguageCase['category'], Tally>;
  /** The test cases it got wrong, for reading. */
  misses: { text: string; expected: string | null; predicted: string | undefined }[];
}

export function scoreLanguageCases(
  cases: readonly ViewerLanguageCase[],
  identify: (text: string) => string | undefined,
): LanguageScore {
  const tally = (): Tally => ({ cases: 0, exact: 0, language: 0 });
  const overall = tally();
  const byCategory = Object.fromEntries(
    LANGUAGE_CASE_CATEGORIES.map((category) => [category, tally()]),
  ) as LanguageScore['byCategory'];
  const misses: LanguageScore['misses'] = [];
  for (const labelled of cases) {
    const predicted = identify(labelled.text);
    const exact = isExactlyRight(labelled.language, predicted);
    const language = isLanguageRight(labelled.language, predicted);
    for (const counter of [overall, byCategory[labelled.category]]) {
      counter.cases += 1;
      counter.exact += exact ? 1 : 0;
      counter.language += language ? 1 : 0;
    }
    if (!exact) misses.push({ text: labelled.text, expected: labelled.language, predicted });
  }
  return { overall, byCategory, misses };
}
