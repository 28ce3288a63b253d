import type { SignalAnalysis, SignalAnalyzer } from '../../ports.js';
import type { SignalIntent, SignalIntentName } from './signal-intents.js';
import { StampSet } from './stamp-set.js';
import { StringIds } from './string-ids.js';
import { createTypoCorrector, typoLimit } from './typo-corrector.js';

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

/**
 * A phrasing compiled for matching: its features as ids into the index's key table, with their weights in
 * the order the phrasing's features came, so scores add up exactly as they always have.
 */
interface IndexedPhrasing {
  intent: SignalIntentName;
  text: string;
  /** Written `=…`: counts only when it is most of the message, as a one-word phrasing does. */
  wholeMessage: boolean;
  /** Where its best match is kept: one place per intent for one-word phrasings, one for longer ones. */
  slot: number;
  /** Its content words: each word's key, sound (`q:`) and initials (`i:`) as ids (-1: none), and weight. */
  wordKeys: Int32Array;
  wordSounds: Int32Array;
  wordInitials: Int32Array;
  wordWeights: Float64Array;
  /** English word pairs (`b:` features), which must mostly be there too: "call me", not "can't call me". */
  pairs: Int32Array;
  wordTotal: number;
  /** The initials of the whole phrasing when it is all Chinese words ("zrg" for 转人工), as an id; -1: none. */
  wholeInitials: number;
  /**
   * Its words leave out much of what it says ("给我打个电话": 给我 is a stopword), so having the words is
   * not having the phrasing ("给妈妈打个电话"): only the full features count.
   */
  wordsPartial: boolean;
  lexicalKeys: Int32Array;
  lexicalWeights: Float64Array;
  lexicalTotal: number;
  norm: number;
}

export interface IntentIndex {
  /**
   * The best phrasing of each intent the message shares anything with: of its one-word phrasings and of
   * its longer ones apart, since a one-word phrasing needs the message to be mostly that word.
   */
  match(analysis: SignalAnalysis): IntentMatch[];
  /**
   * Every word of the message but `ignored` ones is a word of these intents' phrasings, as written, as its
   * sound or initials, typed as pinyin or initials, or misspelt: "rg", "ren gong", "tlak to a humna". What
   * makes a short message nothing but a request, where "agent fee" or "客服时间" is a question.
   */
  onlyWordsOf(
    intents: ReadonlySet<SignalIntentName>,
    analysis: SignalAnalysis,
    ignored: ReadonlySet<string>,
  ): boolean;
}

const COLON = 0x3a;

function blockOf(feature: string): string {
  // Blocks are one letter ("w:human"): read as a character, not cut as a new string for every feature.
  if (feature.charCodeAt(1) === COLON && feature.charCodeAt(0) !== COLON) return feature.charAt(0);
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

/** Roughly how many syllables a stretch of pinyin holds: its runs of vowels. */
function syllableCount(pinyin: string): number {
  return pinyin.match(/[aeiouv]+/g)?.length ?? 0;
}

/**
 * A word's sound is part of a known one, or shares a syllable's worth of letters with it and adds at most
 * one syllable of its own: 转人 + 共 for 人工, but not 人工审核, which is a word of its own.
 */
function soundsOverlap(word: string, known: string): boolean {
  if (known.includes(word)) return true;
  if (word.includes(known)) return syllableCount(word.replace(known, '')) <= 1;
  for (let length = Math.min(word.length, known.length) - 1; length >= 2; length--) {
    if (word.endsWith(known.slice(0, length))) return syllableCount(word.slice(0, -length)) <= 1;
    if (known.endsWith(word.slice(0, length))) return syllableCount(word.slice(length)) <= 1;
  }
  return false;
}

/** "zrg" for 转人工, "rgkf" for 人工客服: viewers type a whole request as its initials. */
function wholeInitialsOf(analysis: SignalAnalysis): string | undefined {
  if (analysis.words.length < 2 || hanCoverage(analysis) < 1) return undefined;
  let initials = '';
  for (const word of analysis.words) {
    if (!word.key.startsWith('z:') || word.sound === undefined) return undefined;
    initials += word.initials ?? word.sound[0];
  }
  return initials.length >= 3 && initials.length <= 6 ? initials : undefined;
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
    intent.phrasings.map((written) => {
      const wholeMessage = written.startsWith('=');
      const text = wholeMessage ? written.slice(1).trim() : written;
      return { intent: intent.name, text, wholeMessage, analysis: analyzer.analyze(text) };
    }),
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
  const unseenWeightOf = (feature: string): number => (LEXICAL_WEIGHTS[blockOf(feature)] ?? 0) * unseenWeight;
  const weightOf = (feature: string): number => knownWeights.get(feature) ?? unseenWeightOf(feature);

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
  const typos = createTypoCorrector(vocabulary);

  // Every known feature, and every key a phrasing is found by, gets an id and its weight: matching then
  // looks each of the message's features up once and tests membership in an array.
  const keyIds = new Map<string, number>();
  const keyWeights: number[] = [];
  const idOf = (key: string): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      keyIds.set(key, (id = keyIds.size));
      keyWeights.push(weightOf(key));
    }
    return id;
  };
  for (const feature of knownWeights.keys()) idOf(feature);
  const postings: number[][] = [];
  const post = (key: string, phrasingId: number): void => {
    const id = idOf(key);
    const list = (postings[id] ??= []);
    if (list.at(-1) !== phrasingId) list.push(phrasingId);
  };
  const intentSlots = new Map<SignalIntentName, number>();
  const phrasings: IndexedPhrasing[] = [];
  for (const item of analysed) {
    // A phrasing of stopwords only ("i'm out") has nothing to be recognised by.
    if (item.analysis.words.length === 0) continue;
    const lexical = new Map<string, number>();
    for (const key of item.analysis.features.keys()) {
      const weight = weightOf(key);
      if (weight > 0) lexical.set(key, weight);
    }
    if (lexical.size === 0) continue;
    const words = item.analysis.words;
    const wordWeights = Float64Array.from(words, (word) => weightOf(word.key));
    const optionalId = (key: string | undefined, block: string) =>
      key === undefined ? -1 : idOf(`${block}:${key}`);
    let intentSlot = intentSlots.get(item.intent);
    if (intentSlot === undefined) intentSlots.set(item.intent, (intentSlot = intentSlots.size));
    const id = phrasings.length;
    phrasings.push({
      intent: item.intent,
      text: item.text,
      wholeMessage: item.wholeMessage,
      slot: intentSlot * 2 + (item.wholeMessage || words.length <= 1 ? 1 : 0),
      wordKeys: Int32Array.from(words, (word) => idOf(word.key)),
      wordSounds: Int32Array.from(words, (word) => optionalId(word.sound, 'q')),
      wordInitials: Int32Array.from(words, (word) => optionalId(word.initials, 'i')),
      wordWeights,
      pairs: Int32Array.from(
        [...item.analysis.features.keys()].filter((key) => key.startsWith('b:')),
        idOf,
      ),
      wordTotal: sum(wordWeights),
      wholeInitials: optionalId(wholeInitialsOf(item.analysis), 'i'),
      wordsPartial: hanCoverage(item.analysis) < MIN_HAN_COVERAGE,
      lexicalKeys: Int32Array.from(lexical.keys(), idOf),
      lexicalWeights: Float64Array.from(lexical.values()),
      lexicalTotal: sum(lexical.values()),
      norm: Math.sqrt(sum([...lexical.values()].map((weight) => weight * weight))),
    });
    for (const key of lexical.keys()) if (ANCHOR_BLOCKS.has(blockOf(key))) post(key, id);
    for (const word of words) {
      post(word.key, id);
      if (word.sound) post(`q:${word.sound}`, id);
      if (word.initials) post(`i:${word.initials}`, id);
    }
    const whole = wholeInitialsOf(item.analysis);
    if (whole) post(`i:${whole}`, id);
  }

  // Each intent's words, with their sounds and initials, for `onlyWordsOf`.
  const wordsByIntent = new Map<SignalIntentName, Set<string>>();
  for (const item of analysed) {
    const known = wordsByIntent.get(item.intent) ?? new Set<string>();
    wordsByIntent.set(item.intent, known);
    for (const word of item.analysis.words) {
      known.add(word.key);
      if (word.sound) known.add(`q:${word.sound}`);
      if (word.initials) known.add(`i:${word.initials}`);
    }
    const whole = wholeInitialsOf(item.analysis);
    if (whole) known.add(`i:${whole}`);
  }

  // Reused for every message (matching is synchronous, so one message at a time): the keys the message
  // has, typos corrected, and the phrasings already taken as candidates.
  const ids = new StringIds([...keyIds.keys()]);
  const present = new StampSet(keyIds.size);
  const taken = new StampSet(phrasings.length);
  const slotCount = intentSlots.size * 2;

  return {
    match(analysis) {
      const corrected = new Set<string>();
      for (const word of analysis.normalized.match(LATIN_WORDS) ?? []) typos.correct(word, corrected);
      present.clear();
      taken.clear();
      // Candidates in the order their keys come (the message's features, then the corrections), each
      // key's phrasings in index order: ties between equal matches go to the first, as they always have.
      const candidates: number[] = [];
      let messageNormSquared = 0;
      /** Takes in one key of the message; `counted`: its weight adds to the message's norm. */
      const visit = (feature: string, counted: boolean): void => {
        const id = ids.idOf(feature);
        if (counted) {
          const weight = id < 0 ? unseenWeightOf(feature) : keyWeights[id]!;
          messageNormSquared += weight * weight;
        }
        if (id < 0) return;
        present.add(id);
        for (const phrasingId of postings[id] ?? [])
          if (!taken.has(phrasingId)) {
            taken.add(phrasingId);
            candidates.push(phrasingId);
          }
      };
      for (const feature of analysis.features.keys()) visit(feature, true);
      // A correction the message also has as written counts twice in its norm, as it always has.
      for (const feature of corrected) visit(feature, analysis.features.has(feature));
      const messageNorm = Math.sqrt(messageNormSquared);
      const best: (IntentMatch | undefined)[] = new Array<IntentMatch | undefined>(slotCount);
      const order: number[] = [];
      for (const id of candidates) {
        const phrasing = phrasings[id]!;
        let shared = 0;
        let dot = 0;
        const { lexicalKeys, lexicalWeights } = phrasing;
        for (let index = 0; index < lexicalKeys.length; index++) {
          if (!present.has(lexicalKeys[index]!)) continue;
          // The message's weight of a key is the phrasing's: both are the key's weight in the index.
          const weight = lexicalWeights[index]!;
          shared += weight;
          dot += weight * weight;
        }
        const { wordKeys, wordSounds, wordInitials, wordWeights } = phrasing;
        let presentWeight = 0;
        for (let index = 0; index < wordKeys.length; index++) {
          const sound = wordSounds[index]!;
          const initials = wordInitials[index]!;
          if (
            present.has(wordKeys[index]!) ||
            (sound >= 0 && present.has(sound)) ||
            (initials >= 0 && present.has(initials))
          )
            presentWeight += wordWeights[index]!;
        }
        const wordShare =
          phrasing.wholeInitials >= 0 && present.has(phrasing.wholeInitials)
            ? 1
            : phrasing.wordTotal > 0
              ? presentWeight / phrasing.wordTotal
              : 0;
        const lexicalShare = shared / phrasing.lexicalTotal;
        let containment = phrasing.wordsPartial ? lexicalShare : Math.max(wordShare, lexicalShare);
        // Words in another order are not the phrasing: most of its English word pairs must be there too
        // ("can someone call me", not "block someone so they can't call me").
        if (phrasing.pairs.length > 0) {
          let pairsPresent = 0;
          for (const pair of phrasing.pairs) if (present.has(pair)) pairsPresent += 1;
          const pairShare = pairsPresent / phrasing.pairs.length;
          if (pairShare < 0.75) containment = Math.min(containment, pairShare);
        }
        const similarity = messageNorm === 0 ? 0 : dot / (messageNorm * phrasing.norm);
        const known = best[phrasing.slot];
        if (!known) order.push(phrasing.slot);
        // The phrasing held most fully; the closest of those. A looser rank would let a near-miss hide one
        // that is met ("我要人宫": 人工 is all there, 我要人工客服 is closer but not all there).
        if (
          !known ||
          containment > known.containment ||
          (containment === known.containment && similarity > known.similarity)
        )
          best[phrasing.slot] = {
            intent: phrasing.intent,
            phrasing: phrasing.text,
            containment,
            similarity,
            short: phrasing.wholeMessage || wordKeys.length <= 1,
            words: wordKeys.length,
          };
      }
      return order.map((slot) => best[slot]!);
    },
    onlyWordsOf(intents, analysis, ignored) {
      const vocabularies = [...intents].flatMap((intent) => wordsByIntent.get(intent) ?? []);
      const known = (key: string) => vocabularies.some((words) => words.has(key));
      // A Chinese word inside one of theirs (转 in 转人工, which a synonym may have made one word).
      const knownHan = vocabularies.flatMap((words) => [...words].filter((key) => key.startsWith('z:')));
      // The sounds of the message's typed pinyin that are known words: "ren gong" holds rengong (人工).
      const knownSounds = [...analysis.features.keys()].filter(
        (feature) => feature.startsWith('q:') && known(feature),
      );
      // Typed words (before stemming) that are known as initials, pinyin or a misspelling ("oprator").
      const knownTyped = (analysis.normalized.match(LATIN_WORDS) ?? []).filter((typed) => {
        if (known(`i:${typed}`) || known(`q:${typed}`)) return true;
        if (knownSounds.some((sound) => sound.includes(typed))) return true;
        const corrected = new Set<string>();
        typos.correct(typed, corrected);
        return [...corrected].some(known);
      });
      // A word sounding like part of a known word the message holds: 转人共 is cut 转人 + 共 around 人工's sound.
      const overlapsKnownSound = (sound: string): boolean =>
        knownSounds.some((feature) => soundsOverlap(sound, feature.slice(2)));
      return analysis.words.every((word) => {
        if (ignored.has(word.key) || known(word.key)) return true;
        if (word.sound !== undefined && (known(`q:${word.sound}`) || overlapsKnownSound(word.sound)))
          return true;
        if (word.key.startsWith('z:')) return knownHan.some((key) => key.includes(word.key.slice(2)));
        // The word's key is its stem: "oprat" of "oprator".
        const stem = word.key.slice(2);
        return knownTyped.some((typed) => typed.startsWith(stem));
      });
    },
  };
}
