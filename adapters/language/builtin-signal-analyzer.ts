import { pinyin } from 'pinyin-pro';
import type { SignalAnalysis, SignalAnalyzer, SignalWord } from '../../engine/ports.js';
import type { Synonym } from '../../knowledge/synonym.js';
import type { TextAnalyzer } from '../../knowledge/text/text-analyzer.js';
import { createBuiltinTextAnalyzer } from './builtin-text-analyzer.js';
import { createChineseScript } from './chinese-script.js';
import { looksLikeInitials, splitPinyin } from './pinyin-syllables.js';

export interface BuiltinSignalAnalyzerOptions {
  /** The matcher's analyzer to share; a fresh builtin one (with `synonyms`) when absent. */
  analyzer?: TextAnalyzer;
  synonyms?: readonly Synonym[];
}

const LATIN_WORDS = /[a-z]+/g;
const HAN_RUNS = /\p{Script=Han}+/gu;
const MAX_SOUNDED_HAN = 16;
const MAX_MEMOISED_WORDS = 100_000;

function add(features: Map<string, number>, key: string): void {
  features.set(key, (features.get(key) ?? 0) + 1);
}

/**
 * The matcher's analysis for the signals, plus what short viewer slang needs: each content word with
 * its sound and pinyin initials (人工: rengong, rg), and the Latin words that may stand for Chinese ones,
 * typed as initials (`i:rg`, "kf") or as pinyin (`q:rengong` for "rengong" or "ren gong"), and the sound of
 * each short stretch of Chinese (`q:rengong` for 人宫 too), so homophone typos meet the word.
 */
export function createBuiltinSignalAnalyzer(options: BuiltinSignalAnalyzerOptions = {}): SignalAnalyzer {
  const analyzer =
    options.analyzer ?? createBuiltinTextAnalyzer(options.synonyms ? { synonyms: options.synonyms } : {});
  // Our own analyzer builds a fresh feature map per call, which can take the additions; a shared one's
  // result is copied first.
  const ownsFeatures = options.analyzer === undefined;
  const { toSimplified } = createChineseScript();
  const syllablesOf = (word: string): string[] =>
    pinyin(word, { toneType: 'none', type: 'array', v: true }).filter((syllable) =>
      /^[a-z]+$/.test(syllable),
    );
  // Memoised per word, as the matcher memoises glosses: viewers repeat their words, and pinyin-pro costs
  // microseconds a call.
  const wordSyllables = new Map<string, readonly string[]>();
  const syllablesOfWord = (word: string): readonly string[] => {
    let syllables = wordSyllables.get(word);
    if (!syllables) {
      if (wordSyllables.size >= MAX_MEMOISED_WORDS) wordSyllables.clear();
      wordSyllables.set(word, (syllables = syllablesOf(word)));
    }
    return syllables;
  };
  return {
    analyze(text: string): SignalAnalysis {
      const analyzed = analyzer.analyze(text);
      const features = ownsFeatures ? analyzed.features : new Map(analyzed.features);
      const words: SignalWord[] = [];
      for (const key of analyzed.features.keys()) {
        if (key.startsWith('w:')) words.push({ key });
        if (!key.startsWith('z:')) continue;
        const syllables = syllablesOfWord(key.slice(2));
        const initials = syllables.map((syllable) => syllable[0]).join('');
        words.push({
          key,
          ...(syllables.length > 0 ? { sound: syllables.join('') } : {}),
          ...(initials.length >= 2 ? { initials } : {}),
        });
      }
      // Homophone typos of words of two to four syllables: 人宫 and 转人共 sound like 人工 and 转人工. Only
      // in short messages, where such slips are how requests are typed; in a long post every sound turns
      // up somewhere (克夫 sounds like 客服).
      const hanRuns = analyzed.normalized.match(HAN_RUNS) ?? [];
      const hanLength = hanRuns.reduce((total, run) => total + run.length, 0);
      for (const run of hanLength <= MAX_SOUNDED_HAN ? hanRuns : []) {
        const syllables = syllablesOfWord(run);
        for (let size = 2; size <= 4; size++)
          for (let start = 0; start + size <= syllables.length; start++)
            add(features, `q:${syllables.slice(start, start + size).join('')}`);
      }
      const latin = analyzed.normalized.match(LATIN_WORDS) ?? [];
      const syllableCounts = latin.map((word) => splitPinyin(word)?.length ?? 0);
      const inPinyinRun = (index: number): boolean =>
        syllableCounts[index] === 1 && (syllableCounts[index - 1] === 1 || syllableCounts[index + 1] === 1);
      latin.forEach((word, index) => {
        if (looksLikeInitials(word)) add(features, `i:${word}`);
        const syllables = syllableCounts[index]! >= 2 ? splitPinyin(word) : undefined;
        if (syllables) {
          add(features, `q:${word}`);
          // "zhuanrengong" holds 转 and 人工 as well as 转人工.
          for (let size = 1; size < syllables.length && size <= 4; size++)
            for (let start = 0; start + size <= syllables.length; start++)
              add(features, `q:${syllables.slice(start, start + size).join('')}`);
        }
        // "zhuan ren gong": a syllable among syllables is a word's sound too (转); a lone one is English.
        if (inPinyinRun(index)) add(features, `q:${word}`);
        // "ren gong ke fu": words that are each a syllable read as one word's sound, up to four of them.
        let sound = word;
        for (let next = index + 1; next < Math.min(latin.length, index + 4); next++) {
          if (syllableCounts[index] !== 1 || syllableCounts[next] !== 1) break;
          sound += latin[next];
          add(features, `q:${sound}`);
        }
      });
      // The signal lists are Chinese and English; text in another script reads as the English side's.
      const language = analyzed.language === 'zh' ? 'zh' : 'en';
      return { language, normalized: analyzed.normalized, features, words };
    },
    simplify: (text) => toSimplified(text),
  };
}
