import type { AngerConfig } from './anger-config.js';
import { createIntensityCueFinder } from './intensity-cues.js';
import { profanityForms, unmaskProfanity } from './masked-profanity.js';
import { isNegated, precededInClause } from './negation.js';
import { compilePhrases, maskHits, type PhraseHit, type PhraseMatcher } from './phrase-list.js';
import { prepareSignalText, type SignalText } from './signal-text.js';

export interface AngerCue {
  kind: 'lexicon' | 'intensity' | 'dampener';
  /** The lexicon category, intensity cue or dampener: "insult", "exclamation-run", "laughter". */
  name: string;
  /** What was found, as folded text. */
  match: string;
  /** Evidence it added (lexicon, intensity) or the share of the score it took away (dampener). */
  weight: number;
}

export interface AngerScore {
  /**
   * 0..1, calibrated so that 0.5 is the threshold of the message's language: at or above 0.5 the
   * message reads as angry, in Chinese and English alike.
   */
  score: number;
  /** The evidence before calibration (noisy-OR of the cues, dampened). */
  rawScore: number;
  /** rawScore ≥ the threshold for the message's language (same as score ≥ 0.5). */
  detected: boolean;
  language: 'zh' | 'en';
  cues: AngerCue[];
}

export interface AngerScorer {
  /** `extra`: evidence found by other means (an abusive intent, sarcasm), combined with the lexicon's. */
  score(text: string | SignalText, extra?: readonly AngerCue[]): AngerScore;
}

interface CompiledCategory {
  name: string;
  weight: number;
  matcher: PhraseMatcher;
  negatable: boolean;
  requiresHan: boolean;
}

/** Categories whose Latin words are also recognised masked: "f**k", "sh*t", "a$$hole". */
const MASKABLE = ['directedAbuse', 'strongProfanity', 'mildProfanity', 'insult'] as const;

function compileCategories(categories: Record<string, AngerConfig['lexicon']['insult']>): CompiledCategory[] {
  return Object.entries(categories).map(([name, category]) => ({
    name,
    weight: category.weight,
    matcher: compilePhrases(category.terms, category.patterns),
    negatable: category.negatable,
    requiresHan: category.requiresHan,
  }));
}

/** Keeps the heaviest, then longest, of overlapping hits: "他妈的" is one cue, not two. */
function withoutOverlaps<Item>(
  items: readonly Item[],
  hitOf: (item: Item) => PhraseHit,
  weightOf: (item: Item) => number,
): Item[] {
  const length = (item: Item) => hitOf(item).end - hitOf(item).index;
  const ranked = [...items].sort(
    (first, second) =>
      weightOf(second) - weightOf(first) ||
      length(second) - length(first) ||
      hitOf(first).index - hitOf(second).index,
  );
  const kept: Item[] = [];
  for (const item of ranked) {
    const hit = hitOf(item);
    if (kept.every((other) => hit.end <= hitOf(other).index || hit.index >= hitOf(other).end))
      kept.push(item);
  }
  return kept.sort((first, second) => hitOf(first).index - hitOf(second).index);
}

/**
 * Anger from words (lexicon categories), typography (intensity cues) and what softens it (dampeners).
 * Evidence combines as noisy-OR, repeats of one kind decaying; each dampener found scales the result.
 * Compile once per config; scoring a message is then a few dozen regular-expression scans.
 */
export function createAngerScorer(config: AngerConfig): AngerScorer {
  const ignore = compilePhrases(config.ignore);
  const categories = compileCategories(config.lexicon);
  const dampeners = compileCategories(config.dampeners);
  const directedCategories = new Set(config.directed.categories);
  const intensity = createIntensityCueFinder(config.intensity);
  const forms = new Set(MASKABLE.flatMap((name) => [...profanityForms(config.lexicon[name].terms)]));

  const lexiconHits = (text: SignalText, readable: string, category: CompiledCategory): PhraseHit[] => {
    if (category.requiresHan && !text.hasHan) return [];
    const hits = category.matcher.findAll(readable);
    return category.negatable ? hits.filter((hit) => !isNegated(readable, hit.index, config.negation)) : hits;
  };

  return {
    score(input, extra = []) {
      const text = typeof input === 'string' ? prepareSignalText(input) : input;
      // Everyday words masked out, masked swearing spelled out; offsets stay those of the base text, which
      // is Simplified when the viewer wrote Traditional.
      const base = text.simplified ?? text.folded;
      const readable = unmaskProfanity(maskHits(base, ignore), forms);
      const found: { hit: PhraseHit; category: CompiledCategory }[] = [];
      for (const category of categories) {
        if (category.weight === 0) continue;
        for (const hit of lexiconHits(text, readable, category)) found.push({ hit, category });
      }
      // One stretch of text is one cue, counted in its strongest category ("damn it", not also "damn").
      const evidence: AngerCue[] = withoutOverlaps(
        found,
        (item) => item.hit,
        (item) => item.category.weight,
      ).map(({ hit, category }) => {
        const match = base.slice(hit.index, hit.end);
        return directedCategories.has(category.name) &&
          category.weight < config.directed.weight &&
          precededInClause(readable, hit.index, config.directed)
          ? { kind: 'lexicon', name: 'directed', match, weight: config.directed.weight }
          : { kind: 'lexicon', name: category.name, match, weight: category.weight };
      });
      for (const cue of intensity.find(text)) evidence.push({ kind: 'intensity', ...cue });
      evidence.push(...extra);

      const seen = new Map<string, number>();
      let calm = 1;
      for (const cue of [...evidence].sort((first, second) => second.weight - first.weight)) {
        const repeats = seen.get(cue.name) ?? 0;
        seen.set(cue.name, repeats + 1);
        calm *= 1 - cue.weight * config.repeatDecay ** repeats;
      }
      const cues = [...evidence];
      // A dampener inside a cue is part of it: "thanks" in "thanks for nothing" calms nothing.
      const lexiconSpans = found.map((item) => item.hit);
      let kept = 1;
      for (const dampener of dampeners) {
        if (dampener.weight === 0 || evidence.length === 0) continue;
        const first = lexiconHits(text, readable, dampener).find((hit) =>
          lexiconSpans.every((span) => hit.end <= span.index || hit.index >= span.end),
        );
        if (first === undefined) continue;
        kept *= 1 - dampener.weight;
        cues.push({ kind: 'dampener', name: dampener.name, match: first.text, weight: dampener.weight });
      }
      const rawScore = Math.min(1, Math.max(0, (1 - calm) * kept));
      const threshold = config.threshold[text.language];
      const detected = rawScore > 0 && rawScore >= threshold;
      return { score: calibrate(rawScore, threshold), rawScore, detected, language: text.language, cues };
    },
  };
}

/** Piecewise-linear, monotone: 0 → 0, the language's threshold → 0.5, 1 → 1. */
export function calibrate(rawScore: number, threshold: number): number {
  if (rawScore <= 0) return 0;
  if (threshold <= 0) return 0.5 + rawScore / 2;
  if (threshold >= 1) return rawScore >= 1 ? 1 : (rawScore / 1) * 0.5;
  return rawScore < threshold
    ? (0.5 * rawScore) / threshold
    : 0.5 + (0.5 * (rawScore - threshold)) / (1 - threshold);
}
