import { eld } from 'eld/extrasmall';
import type { LanguageIdentifier } from '../../engine/ports.js';
import { createChineseScript, type ChineseScript } from './chinese-script.js';
import {
  type AlphabeticLanguageGuess,
  createScriptAwareLanguageIdentifier,
  type ScriptAwareLanguageIdentifierOptions,
} from './script-aware-language-identifier.js';

/** The wrapper's settings for eld (extrasmall), as the benchmark chose them on the dev split. */
const ELD_SETTINGS: Pick<
  ScriptAwareLanguageIdentifierOptions,
  'minConfidence' | 'englishMargin' | 'unsureLanguage'
> = { minConfidence: 0, englishMargin: 0.1, unsureLanguage: 'en' };

/**
 * Languages the library tells apart that Livedesk does not: Malay and Indonesian are one written
 * language to most readers, and eld calls nearly every Indonesian question Malay. Livedesk answers in
 * Indonesian (it has no Malay), so a Malay guess counts as Indonesian.
 */
const REPORTED_AS: Readonly<Record<string, string>> = { ms: 'id' };

/** Renames guesses per REPORTED_AS; where two become one language, the more confident one stays. */
export function foldCloseLanguages(guesses: readonly AlphabeticLanguageGuess[]): AlphabeticLanguageGuess[] {
  const best = new Map<string, number>();
  for (const { language, confidence } of guesses) {
    const reported = REPORTED_AS[language] ?? language;
    best.set(reported, Math.max(best.get(reported) ?? 0, confidence));
  }
  return [...best]
    .map(([language, confidence]) => ({ language, confidence }))
    .sort((first, second) => second.confidence - first.confidence);
}

export interface LanguageIdentifierOptions {
  /** Shared with whoever else converts scripts (the answer's Traditional conversion); built when absent. */
  chineseScript?: ChineseScript;
}

/**
 * The viewer-language identifier: the script rules of createScriptAwareLanguageIdentifier around eld
 * for alphabetic text. eld was chosen by measurement (npm run bench -- language, docs/benchmarks.md).
 */
export function createLanguageIdentifier(
  options: LanguageIdentifierOptions = {},
): LanguageIdentifier & { description: string } {
  // Its own instance: the library's default one is shared by everything in the process that imports it.
  const detector = eld.newInstance();
  const identifier = createScriptAwareLanguageIdentifier({
    chineseScript: options.chineseScript ?? createChineseScript(),
    guess(text) {
      const found = detector.detect(text);
      // eld's own "reliable" flag halves the confidence of a guess it does not stand by.
      const scale = found.isReliable() ? 1 : 0.5;
      return foldCloseLanguages(
        Object.entries(found.getScores()).map(([language, score]) => ({
          language,
          confidence: score * scale,
        })),
      );
    },
    ...ELD_SETTINGS,
  });
  return { ...identifier, description: 'eld 2.1 (extrasmall database) inside the script-aware wrapper' };
}
