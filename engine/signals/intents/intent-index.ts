import type { SignalAnalysis, SignalAnalyzer } from '../../ports.js';
import { editDistanceWithin } from './edit-distance.js';
import type { SignalIntent, SignalIntentName } from './signal-intents.js';

/**
 * How much each feature block counts in the lexical view: words and their sound most, character
 * n-grams (typos) less, so a shared character alone never makes a match.
 */
const LEXICAL_WEIGHTS: Readonly<Record<string, number>> = {
  w: 1,
  z: 1,
  y: 0.9,
  b: 0.6,
  p: 0.5,
  h: 0.45,
  c: 0.3,
};

export interface IntentMatch {
  intent: SignalIntentName;
  /** The phrasing it met, as written in the intent list. */
  phrasing: string;
  /**
   * Share of the phrasing the message holds (0..1): of its words, each present as written, as typed
   * pinyin or as typed initials; or of its weighted features, typos included; whichever is more.
   */
  containment: number;
  /** Cosine between message and phrasing over the lexical features (0..1): near 1 when it is only that. */
  similarity: number;
  /**
   * The phrasing is one word ("人工", "agent"): met only when the message is mostly that word, since such
   * words also turn up in ordinary questions ("human hair", "how do I become an agent").
   */
  short: boolean;
  /** How many content words the phrasing has. */
  words: number;
}

interface IndexedWord {
  key: string;
  weight: number;
  sound?: string | undefined;
  initials?: string | undefined;
}

interface IndexedPhrasing {
  intent: SignalIntentName;
  text: string;
  words: IndexedWord[];
  /** English word pairs (`b:` features), which must mostly be there too: "call me", not "can't call me". */
  pairs: string[];
  wordTotal: number;
  /**
   * Its words leave out much of what it says ("给我打个电话": 给我 is a stopword), so having the words is
   * not having the phrasing ("给妈妈打个电话"): only the full features count.
   */
  wordsPartial: boolean;
  lexical: Map<string, number>;
  lexicalTotal: number;
  norm: number;
}

export interface IntentIndex {
  /**
   * The best phrasing of each intent the message shares anything with: of its one-word phrasings and of
   * its longer ones apart, since a one-word phrasing needs the message to be mostly that word.
   */
  match(analysis: SignalAnalysis): IntentMatch[];
}

function blockOf(feature: string): string {
  const colon = feature.indexOf(':');
  return colon < 0 ? '' : feature.slice(0, colon);
}

const LATIN_WORDS = /[a-z]+/g;
/**
 * The features a phrasing is looked up by: its words, their sounds and initials, word pairs. Character
 * n-grams only add to a score; a phrasing that shares nothing else cannot be mostly there.
 */
const ANCHOR_BLOCKS: ReadonlySet<string> = new Set(['w', 'z', 'q', 'i', 'y', 'b']);
const HAN = /\p{Script=Han}/gu;
const MIN_HAN_COVERAGE = 0.75;

/** Share of a text's Chinese characters that its content words hold (1 without Chinese). */
function hanCoverage(analysis: SignalAnalysis): number {
  const total = analysis.normalized.match(HAN)?.length ?? 0;
  if (total === 0) return 1;
  const held = analysis.words
    .filter((word) => word.key.startsWith('z:'))
    .reduce((count, word) => count + (word.key.slice(2).match(HAN)?.length ?? 0), 0);
  return Math.min(1, held / total);
}

/** How far a typed word may be from one of the intents' words and still be that word. */
function typoLimit(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * The intents' phrasings as weighted words and features. A weight is the block's weight times the
 * feature's inverse document frequency over the phrasings and `background` (ordinary questions, so
 * common words weigh little). Matching walks the message's features through an inverted index: a
 * message shares features with few phrasings, so this costs microseconds.
 */
export function buildIntentIndex(options: {
  intents: readonly SignalIntent[];
  analyzer: SignalAnalyzer;
  background?: readonly string[];
}): IntentIndex {
  const { analyzer } = options;
  const analysed = options.intents.flatMap((intent) =>
    intent.phrasings.map((text) => ({ intent: intent.name, text, analysis: analyzer.analyze(text) })),
  );
  const documents = [
    ...analysed.map((item) => item.analysis.features),
    ...(options.background ?? []).map((text) => analyzer.analyze(text).features),
  ];
  const documentFrequency = new Map<string, number>();
  for (const features of documents)
    for (const key of features.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  // Known features' weights once; an unseen feature weighs its block's most (it is in no document).
  const knownWeights = new Map<string, number>();
  for (const [feature, frequency] of documentFrequency)
    knownWeights.set(
      feature,
      (LEXICAL_WEIGHTS[blockOf(feature)] ?? 0) * Math.log(1 + documents.length / frequency),
    );
  const unseenWeight = Math.log(1 + documents.length);
  const weightOf = (feature: string): number =>
    knownWeights.get(feature) ?? (LEXICAL_WEIGHTS[blockOf(feature)] ?? 0) * unseenWeight;

  // Every English word of the phrasings, as typed, with its feature: a misspelt message word is read as
  // the one it is closest to ("humna" → human).
  const vocabulary = new Map<string, string>();
  for (const item of analysed) {
    for (const word of item.analysis.normalized.match(LATIN_WORDS) ?? []) {
      if (vocabulary.has(word) || typoLimit(word) === 0) continue;
      const key = analyzer.analyze(word).words[0]?.key;
      if (key) vocabulary.set(word, key);
    }
  }
  // By length, so a typed word is only compared with words it could be a slip of.
  const vocabularyByLength = new Map<number, [string, string][]>();
  for (const [word, key] of vocabulary) {
    const list = vocabularyByLength.get(word.length) ?? [];
    list.push([word, key]);
    vocabularyByLength.set(word.length, list);
  }
  const corrections = (analysis: SignalAnalysis): Set<string> => {
    const keys = new Set<string>();
    for (const word of analysis.normalized.match(LATIN_WORDS) ?? []) {
      const limit = typoLimit(word);
      if (limit === 0 || vocabulary.has(word)) continue;
      for (let length = word.length - limit; length <= word.length + limit; length++)
        for (const [known, key] of vocabularyByLength.get(length) ?? [])
          if (editDistanceWithin(word, known, limit) !== undefined) keys.add(key);
    }
    return keys;
  };

  const phrasings: IndexedPhrasing[] = [];
  const postings = new Map<string, Set<number>>();
  const post = (key: string, id: number): void => {
    let list = postings.get(key);
    if (!list) postings.set(key, (list = new Set()));
    list.add(id);
  };
  for (const item of analysed) {
    // A phrasing of stopwords only ("i'm out") has nothing to be recognised by.
    if (item.analysis.words.length === 0) continue;
    const lexical = new Map<string, number>();
    for (const key of item.analysis.features.keys()) {
      const weight = weightOf(key);
      if (weight > 0) lexical.set(key, weight);
    }
    if (lexical.size === 0) continue;
    const words = item.analysis.words.map((word) => ({ ...word, weight: weightOf(word.key) }));
    const id = phrasings.length;
    phrasings.push({
      intent: item.intent,
      text: item.text,
      words,
      pairs: [...item.analysis.features.keys()].filter((key) => key.startsWith('b:')),
      wordTotal: sum(words.map((word) => word.weight)),
      wordsPartial: hanCoverage(item.analysis) < MIN_HAN_COVERAGE,
      lexical,
      lexicalTotal: sum(lexical.values()),
      norm: Math.sqrt(sum([...lexical.values()].map((weight) => weight * weight))),
    });
    for (const key of lexical.keys()) if (ANCHOR_BLOCKS.has(blockOf(key))) post(key, id);
    for (const word of words) {
      post(word.key, id);
      if (word.sound) post(`q:${word.sound}`, id);
      if (word.initials) post(`i:${word.initials}`, id);
    }
  }

  return {
    match(analysis) {
      const corrected = corrections(analysis);
      const candidates = new Set<number>();
      let messageNormSquared = 0;
      for (const feature of [...analysis.features.keys(), ...corrected]) {
        if (analysis.features.has(feature)) {
          const weight = weightOf(feature);
          messageNormSquared += weight * weight;
        }
        for (const id of postings.get(feature) ?? []) candidates.add(id);
      }
      const messageNorm = Math.sqrt(messageNormSquared);
      const has = (key: string): boolean => analysis.features.has(key) || corrected.has(key);
      const best = new Map<string, IntentMatch>();
      for (const id of candidates) {
        const phrasing = phrasings[id]!;
        let shared = 0;
        let dot = 0;
        for (const [key, weight] of phrasing.lexical) {
          if (!has(key)) continue;
          shared += weight;
          dot += weight * weightOf(key);
        }
        const present = phrasing.words.filter(
          (word) =>
            has(word.key) ||
            (word.sound !== undefined && has(`q:${word.sound}`)) ||
            (word.initials !== undefined && has(`i:${word.initials}`)),
        );
        const wordShare =
          phrasing.wordTotal > 0 ? sum(present.map((word) => word.weight)) / phrasing.wordTotal : 0;
        const lexicalShare = shared / phrasing.lexicalTotal;
        let containment = phrasing.wordsPartial ? lexicalShare : Math.max(wordShare, lexicalShare);
        // Words in another order are not the phrasing: most of its English word pairs must be there too
        // ("can someone call me", not "block someone so they can't call me").
        if (phrasing.pairs.length > 0) {
          const pairShare = phrasing.pairs.filter(has).length / phrasing.pairs.length;
          if (pairShare < 0.75) containment = Math.min(containment, pairShare);
        }
        const match: IntentMatch = {
          intent: phrasing.intent,
          phrasing: phrasing.text,
          containment,
          similarity: messageNorm === 0 ? 0 : dot / (messageNorm * phrasing.norm),
          short: phrasing.words.length <= 1,
          words: phrasing.words.length,
        };
        const key = `${phrasing.intent}:${match.short}`;
        const known = best.get(key);
        // The phrasing held most fully; the closest of those. A looser rank would let a near-miss hide one
        // that is met ("我要人宫": 人工 is all there, 我要人工客服 is closer but not all there).
        if (
          !known ||
          match.containment > known.containment ||
          (match.containment === known.containment && match.similarity > known.similarity)
        )
          best.set(key, match);
      }
      return [...best.values()];
    },
  };
}
