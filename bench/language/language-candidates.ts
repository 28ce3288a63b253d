import type { AlphabeticLanguageGuess } from '../../adapters/language/script-aware-language-identifier.js';
import type { eld as largeEld } from 'eld/large';
import { toTwoLetterCode } from './iso-639.js';

/** One language-identification library, loaded: its own answer, and its answer as the wrapper's guesser. */
export interface LoadedCandidate {
  /** The library with its defaults, mapped to 639-1 ('zh' for any Chinese); undefined when it declines. */
  defaults: (text: string) => string | undefined;
  /** The languages the library sees, best first, with its own confidence mapped to 0..1. */
  guess: (text: string) => readonly AlphabeticLanguageGuess[];
}

export interface LanguageCandidate {
  name: string;
  /** npm package and how it is used. */
  library: string;
  /** What to import in a fresh process to weigh the library (memory, load time); none for no library. */
  importSpecifier?: string;
  load(): Promise<LoadedCandidate>;
}

const UNDETERMINED = new Set(['', 'und', 'un', 'xx']);

/** Library codes as Livedesk's: 639-1, Chinese of any script or romanisation as 'zh', undefined for "no idea". */
function mapCode(code: string | null | undefined): string | undefined {
  if (code === null || code === undefined || UNDETERMINED.has(code)) return undefined;
  const primary = toTwoLetterCode(code.split('-')[0] ?? code);
  return primary === 'zh' ? 'zh' : primary;
}

/** A library's ranked languages as guesses: codes mapped, undetermined ones dropped, confidence in 0..1. */
function ranked(
  languages: readonly (readonly [string | null | undefined, number])[],
  scale = 1,
): AlphabeticLanguageGuess[] {
  return languages.flatMap(([code, score]) => {
    const language = mapCode(code);
    const confidence = Number.isFinite(score) ? Math.max(0, Math.min(1, score * scale)) : 0;
    return language === undefined ? [] : [{ language, confidence }];
  });
}

/** The libraries measured; each is a dev dependency except the one the adapter uses. */
export const LANGUAGE_CANDIDATES: readonly LanguageCandidate[] = [
  {
    name: 'none',
    library: 'no library: script rules only, alphabetic text taken as English',
    load: () => Promise.resolve({ defaults: () => undefined, guess: () => [] }),
  },
  eldCandidate('large', () => import('eld/large')),
  eldCandidate('medium', () => import('eld/medium')),
  eldCandidate('extrasmall', () => import('eld/extrasmall')),
  {
    name: 'tinyld',
    library: 'tinyld 1.3 (normal)',
    importSpecifier: 'tinyld',
    async load() {
      const { detect, detectAll } = await import('tinyld');
      return {
        defaults: (text) => mapCode(detect(text)),
        guess: (text) => ranked(detectAll(text).map((found) => [found.lang, found.accuracy] as const)),
      };
    },
  },
  {
    name: 'franc',
    library: 'franc 6.2 (187 languages)',
    importSpecifier: 'franc',
    async load() {
      const { franc, francAll } = await import('franc');
      return {
        defaults: (text) => mapCode(franc(text)),
        // Scores are relative (the best is 1); the margin and threshold tuned on dev read them as they are.
        guess: (text) => ranked(francAll(text, { minLength: 1 }).slice(0, 10)),
      };
    },
  },
  {
    name: 'franc-min',
    library: 'franc-min 6.2 (82 languages)',
    importSpecifier: 'franc-min',
    async load() {
      const { franc, francAll } = await import('franc-min');
      return {
        defaults: (text) => mapCode(franc(text)),
        guess: (text) => ranked(francAll(text, { minLength: 1 }).slice(0, 10)),
      };
    },
  },
  {
    name: 'cld3-asm',
    library: 'cld3-asm 4.0 (Google CLD3, WebAssembly)',
    importSpecifier: 'cld3-asm',
    async load() {
      const { loadModule } = await import('cld3-asm');
      const identifier = (await loadModule()).create(0, 1000);
      return {
        defaults(text) {
          const found = identifier.findLanguage(text);
          return found.is_reliable ? mapCode(found.language) : undefined;
        },
        guess: (text) =>
          ranked(
            identifier
              .findMostFrequentLanguages(text, 3)
              .map((found) => [
                found.language,
                found.is_reliable ? found.probability : found.probability / 2,
              ]),
          ),
      };
    },
  },
  {
    name: 'languagedetect',
    library: 'languagedetect 2.0',
    importSpecifier: 'languagedetect',
    async load() {
      const { default: LanguageDetect } = await import('languagedetect');
      const detector = new LanguageDetect();
      detector.setLanguageType('iso2');
      return {
        defaults: (text) => mapCode(detector.detect(text, 1)[0]?.[0]),
        guess: (text) => ranked(detector.detect(text, 10)),
      };
    },
  },
  {
    name: 'lande',
    library: 'lande 1.0',
    importSpecifier: 'lande',
    async load() {
      const { default: lande } = await import('lande');
      return {
        defaults: (text) => mapCode(lande(text)[0]?.[0]),
        guess: (text) => ranked(lande(text).slice(0, 10)),
      };
    },
  },
];

type EldModule = { eld: typeof largeEld };

function eldCandidate(
  size: 'large' | 'medium' | 'extrasmall',
  importEld: () => Promise<EldModule>,
): LanguageCandidate {
  return {
    name: size === 'large' ? 'eld' : `eld-${size}`,
    library: `eld 2.1 (${size} database)`,
    importSpecifier: `eld/${size}`,
    async load() {
      const eld = (await importEld()).eld.newInstance();
      return {
        defaults: (text) => mapCode(eld.detect(text).language),
        guess(text) {
          const found = eld.detect(text);
          const scores = Object.entries(found.getScores()).sort(([, first], [, second]) => second - first);
          return ranked(scores, found.isReliable() ? 1 : 0.5);
        },
      };
    },
  };
}
