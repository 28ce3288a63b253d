import { eld } from 'eld/extrasmall';
import type { LanguageIdentifier } from '../../engine/ports.js';
import { createChineseScript, type ChineseScript } from './chinese-script.js';
import {
  createScriptAwareLanguageIdentifier,
  type ScriptAwareLanguageIdentifierOptions,
} from './script-aware-language-identifier.js';

/** The wrapper's settings for eld (extrasmall), as the benchmark chose them on the dev split. */
const ELD_SETTINGS: Pick<
  ScriptAwareLanguageIdentifierOptions,
  'minConfidence' | 'englishMargin' | 'unsureLanguage'
> = { minConfidence: 0, englishMargin: 0.1, unsureLanguage: 'en' };

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
      return Object.entries(found.getScores())
        .sort(([, first], [, second]) => second - first)
        .map(([language, score]) => ({ language, confidence: score * scale }));
    },
    ...ELD_SETTINGS,
  });
  return { ...identifier, description: 'eld 2.1 (extrasmall database) inside the script-aware wrapper' };
}
