import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDictionary } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';
import { stemmer } from 'stemmer';
import { throwIfAborted } from '../../knowledge/errors.js';
import type { Synonym } from '../../knowledge/synonym.js';
import { extractFeatures, type LanguageResources } from '../../knowledge/text/feature-extractor.js';
import { curatedGlossStems, glossesOfWord, type GlossTable } from '../../knowledge/text/gloss-table.js';
import { normalizeText } from '../../knowledge/text/normalize.js';
import { containsHan, detectLanguage } from '../../knowledge/text/script.js';
import { createSynonymRewriter, type SynonymRewriter } from '../../knowledge/text/synonym-rewriter.js';
import type { AnalyzedText, Language, TextAnalyzer } from '../../knowledge/text/text-analyzer.js';
import { loadCedictGlossTable, type CedictGlossTableOptions } from './cedict-gloss-table.js';
import { createChineseScript } from './chinese-script.js';
import { createCrossLingualPhrasing } from '../../knowledge/text/cross-lingual-phrasing.js';

let sharedWordFrequencies: Map<string, number> | undefined;
/** jieba's dictionary counts, read once per process and only for cross-lingual phrasings. */
function jiebaWordFrequencies(): Map<string, number> {
  if (sharedWordFrequencies) return sharedWordFrequencies;
  const frequencies = new Map<string, number>();
  for (const line of Buffer.from(jiebaDictionary).toString('utf8').split('\n')) {
    const [word, count] = line.split(' ');
    if (word && count) frequencies.set(word, Number(count));
  }
  return (sharedWordFrequencies = frequencies);
}

/** Distinct Chinese runs whose syllables are kept, and the longest kept (a message's, not a document's). */
const MAX_MEMOISED_RUNS = 8192;
const MAX_MEMOISED_RUN_LENGTH = 32;

/** Words of the live-streaming trade that jieba's general dictionary splits apart. */
const DOMAIN_WORDS = [
  '主播',
  '直播间',
  '开播',
  '下播',
  '连麦',
  '弹幕',
  '打赏',
  '金币',
  '钻石',
  '充值',
  '到账',
  '提现',
  '分成',
  '礼物',
  '粉丝团',
  '榜一',
  '禁言',
  '封号',
  '解封',
  '秒杀',
  '优惠券',
  '购物车',
  '小黄车',
  '退货',
  '换货',
  '运费',
  '物流',
  '快递',
  '发货',
  '退款',
  '青少年模式',
  '未成年',
  '实名认证',
  '视频通话',
  '按分钟',
  '掉线',
];

// ICU's Thai dictionary, shipped with Node: maintained word segmentation for text without spaces.
const THAI_SEGMENTER = new Intl.Segmenter('th', { granularity: 'word' });

function segmentThai(text: string): string[] {
  const words: string[] = [];
  for (const segment of THAI_SEGMENTER.segment(text)) if (segment.isWordLike) words.push(segment.segment);
  return words;
}

export interface BuiltinTextAnalyzerOptions {
  synonyms?: readonly Synonym[];
  /** Where the CC-CEDICT gloss table comes from and is cached (cross-lingual matching). */
  glosses?: CedictGlossTableOptions;
  /** Replaces the CC-CEDICT loader (tests, or a table shipped another way). */
  loadGlossTable?: () => Promise<GlossTable | undefined>;
}

/** The offline analyzer: opencc, jieba, pinyin-pro and the Porter stemmer behind the TextAnalyzer port. */
export function createBuiltinTextAnalyzer(options: BuiltinTextAnalyzerOptions = {}): TextAnalyzer {
  const jieba = Jieba.withDict(jiebaDictionary);
  // Phrase level, with Taiwan wording: 儲值沒到帳 meets 储值没到账, 軟體 meets 软件.
  const toSimplified = createChineseScript().toSimplified;
  const normalize = (text: string): string => normalizeText(text, { toSimplified });
  const addWords = (words: Iterable<string>): void => {
    // A dictionary line is "word frequency tag": a canonical with spaces ("退款 申请") would break the
    // whole load, so each of its parts is a word of its own.
    const lines = [...words]
      .flatMap((word) => word.split(/\s+/u))
      .filter(containsHan)
      .map((word) => `${word} 20000 n`);
    if (lines.length > 0) jieba.loadDict(Buffer.from(lines.join('\n')));
  };
  addWords(DOMAIN_WORDS);

  // pinyin-pro reads a whole run for its polyphones and costs microseconds a call; viewers repeat their
  // runs ("人工", "客服"), so each run's syllables are kept (a bounded map, emptied when full).
  const runSyllables = new Map<string, readonly string[]>();
  const pinyinOf = (text: string): readonly string[] => {
    if (text.length > MAX_MEMOISED_RUN_LENGTH)
      return pinyin(text, { toneType: 'none', type: 'array', v: true });
    let syllables = runSyllables.get(text);
    if (!syllables) {
      if (runSyllables.size >= MAX_MEMOISED_RUNS) runSyllables.clear();
      syllables = Object.freeze(pinyin(text, { toneType: 'none', type: 'array', v: true }));
      runSyllables.set(text, syllables);
    }
    return syllables;
  };
  const resources: LanguageResources = {
    segmentChinese: (text) => jieba.cut(text, true),
    pinyinOf,
    stemEnglish: (word) => stemmer(word),
    segmentThai,
  };
  let rewrite: SynonymRewriter = (text) => text;
  const loadGlossTable = options.loadGlossTable ?? (() => loadCedictGlossTable(options.glosses ?? {}));
  let glossTable: Promise<GlossTable | undefined> | undefined;
  let glossResources: LanguageResources | undefined;
  /** Curated glosses, as stems: they replace the dictionary's for their words. */
  let curated = new Map<string, readonly string[]>();
  let glossSource: GlossTable | undefined;
  const useGlossTable = (table: GlossTable): void => {
    const merged = curated.size === 0 ? table : new Map([...table, ...curated]);
    // Memoised per word: a knowledge base repeats its words, and decomposition walks the table.
    const memo = new Map<string, readonly string[]>();
    const glossesOf = (word: string): readonly string[] => {
      let glosses = memo.get(word);
      if (!glosses) {
        if (memo.size >= 100_000) memo.clear();
        memo.set(word, (glosses = glossesOfWord(merged, word)));
      }
      return glosses;
    };
    glossSource = table;
    glossResources = { ...resources, glossesOf };
    toOtherLanguage = createCrossLingualPhrasing({
      table: merged,
      curatedWords: new Set(curated.keys()),
      segmentChinese: resources.segmentChinese,
      stemEnglish: resources.stemEnglish,
      glossesOf,
      wordFrequency: (word) => jiebaWordFrequencies().get(word) ?? 0,
    });
  };
  let toOtherLanguage: ((text: string, target: Language) => string | undefined) | undefined;

  const analyzer: TextAnalyzer = {
    analyze(text: string): AnalyzedText {
      const normalizedRaw = normalize(text);
      const language = detectLanguage(normalizedRaw);
      const normalized = rewrite(normalizedRaw, language);
      return {
        language: detectLanguage(normalized),
        normalized,
        ...extractFeatures(normalized, glossResources ?? resources),
      };
    },
    async prepareGlosses(callOptions = {}) {
      throwIfAborted(callOptions.signal);
      glossTable ??= loadGlossTable().catch(() => undefined);
      const table = await glossTable;
      if (table && !glossResources) useGlossTable(table);
      return table !== undefined;
    },
    crossLingualPhrasing(text, target) {
      if (!toOtherLanguage) return undefined;
      const normalized = analyzer.analyze(text).normalized;
      return toOtherLanguage(normalized, target);
    },
    useGlossary(glossary) {
      curated = new Map();
      for (const [word, english] of glossary) {
        const stems = curatedGlossStems(english, resources.stemEnglish);
        const key = normalize(word);
        if (stems.length > 0 && key) curated.set(key, stems);
      }
      addWords(curated.keys());
      if (glossSource) useGlossTable(glossSource);
    },
    useSynonyms(synonyms) {
      rewrite = createSynonymRewriter(synonyms, normalize);
      // Canonical words should come out of segmentation whole, or the rewrite gains little.
      addWords(synonyms.map((synonym) => normalize(synonym.canonical)));
    },
  };
  analyzer.useSynonyms(options.synonyms ?? []);
  return analyzer;
}
