import type { Entry } from '../entry.js';
import { jsonPathLabel, type PathLabel } from './describe-issues.js';

/** C0 and C1 controls and DEL: invisible, and NUL breaks C strings, terminals and search indexes. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
/** In answers, tab and line breaks are layout the agent console and the viewer show. */
const CONTROL_IN_ANSWER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/**
 * Languages ICU (CLDR) has a name for. The tag's shape is checked by LocaleSchema; this refuses a
 * well-formed tag of no language (`xx`, `qq`, `zz`, `en-XX`), which would file entries under a
 * locale no viewer ever has.
 */
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function isKnownLocale(tag: string): boolean {
  try {
    return languageNames.of(tag) !== undefined;
  } catch {
    return false;
  }
}

/**
 * What an import refuses that the entry schema lets through: control characters (tab and line breaks
 * only in answers) and locales of no known language. One sentence per problem, fields named by `label`.
 */
export function entryTextProblems(entry: Entry, label: PathLabel = jsonPathLabel): string[] {
  const problems: string[] = [];
  const checkLocale = (tag: string, path: PropertyKey[]) => {
    if (!isKnownLocale(tag))
      problems.push(
        `${label(path)}: "${tag}" is not a known language; use a tag such as "zh", "en" or "zh-TW"`,
      );
  };
  const checkText = (text: string, path: PropertyKey[], isAnswer: boolean) => {
    const found = (isAnswer ? CONTROL_IN_ANSWER : CONTROL).exec(text);
    if (!found) return;
    const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const allowed = isAnswer ? ' (tab and line breaks are allowed)' : '';
    problems.push(`${label(path)}: contains the control character U+${code}${allowed}; remove it`);
  };

  checkText(entry.id, ['id'], false);
  checkLocale(entry.locale, ['locale']);
  entry.questions.forEach((question, index) => checkText(question, ['questions', index], false));
  checkText(entry.answer, ['answer'], true);
  entry.tags.forEach((tag, index) => checkText(tag, ['tags', index], false));
  for (const [locale, content] of Object.entries(entry.translations)) {
    checkLocale(locale, ['translations', locale]);
    content.questions.forEach((question, index) =>
      checkText(question, ['translations', locale, 'questions', index], false),
    );
    checkText(content.answer, ['translations', locale, 'answer'], true);
  }
  return problems;
}
