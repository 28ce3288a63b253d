import { localizedViews, scopeAllows, type Entry, type MatchContext } from '../entry.js';
import { throwIfAborted } from '../errors.js';
import { isTrainable, type CallOptions, type Embedder, type VectorIndex } from '../ports.js';
import type { Synonym } from '../synonym.js';
import type { AnalyzedText, TextAnalyzer } from '../text/text-analyzer.js';
import { Bm25Index } from './bm25-index.js';
import { GlossView } from './gloss-view.js';
import type { MatchCandidate, MatchDecision } from './match-decision.js';
import {
  DEFAULT_MATCHER_CONFIG,
  resolveThresholds,
  type DecisionThresholds,
  type MatcherConfig,
} from './matcher-config.js';
import { normalizeInPlace } from './normalize-vector.js';
import { PrototypeMatrix } from './prototype-matrix.js';
import { refinePrototypes } from './refine-prototypes.js';
import { sigmoid } from './sigmoid.js';
import { topSlots } from './top-slots.js';

export interface MatcherOptions {
  embedder: Embedder;
  analyzer: TextAnalyzer;
  createVectorIndex: (dimensions: number) => VectorIndex | Promise<VectorIndex>;
  config?: MatcherConfig;
  clock?: () => Date;
}

export interface MatchOptions extends CallOptions {
  context?: MatchContext;
}

/** One language view of one entry: the unit that is embedded, indexed and scored. */
interface ViewSlot {
  entryId: string;
  locale: string;
  /** The locale's language ("zh" for "zh-TW"), compared with the question's. */
  language: string;
  /** Languages of all the entry's views. */
  entryLanguages: ReadonlySet<string>;
  phrasings: string[];
  phrasingLabels: number[];
  /** The phrasings' language-neutral features, kept so the gloss view never re-analyses them. */
  glossFeatures: Map<string, number>[];
}

interface EntryState {
  entry: Entry;
  slots: number[];
}

/** An embedder that can reuse the matcher's analysis of the query (the builtin one). */
interface AnalyzedEmbedder {
  embedAnalyzed(analyzed: AnalyzedText): Float32Array;
}

function hasEmbedAnalyzed(embedder: Embedder): embedder is Embedder & AnalyzedEmbedder {
  return typeof (embedder as Partial<AnalyzedEmbedder>).embedAnalyzed === 'function';
}

function languageOf(locale: string): string {
  const dash = locale.indexOf('-');
  return dash < 0 ? locale : locale.slice(0, dash);
}

/** The gloss view's state: off until a knowledge base or question needs it, then ready or unavailable. */
type GlossState = { status: 'off' } | { status: 'unavailable' } | { status: 'ready'; view: GlossView };

function isZero(vector: Float32Array): boolean {
  for (const value of vector) if (value !== 0) return false;
  return true;
}

/**
 * Finds the knowledge entry for a question, or says honestly that none fits: dense similarity to each
 * entry's prototype and nearest phrasing, fused with BM25, calibrated into a confidence, then decided.
 */
export class Matcher {
  private readonly embedder: Embedder;
  private readonly analyzer: TextAnalyzer;
  private readonly createVectorIndex: (dimensions: number) => VectorIndex | Promise<VectorIndex>;
  private readonly clock: () => Date;
  private config: MatcherConfig;
  private phrasingIndex: VectorIndex | undefined;
  private prototypes: PrototypeMatrix;
  private bm25 = new Bm25Index();
  private readonly entries = new Map<string, EntryState>();
  private readonly slots: (ViewSlot | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly labelToSlot = new Map<number, { slot: number; text: string }>();
  private nextLabel = 0;
  /** Views per language, to know when entries and questions can differ in language. */
  private readonly languageViews = new Map<string, number>();
  private gloss: GlossState = { status: 'off' };
  /** Whether the analyzer's gloss resource is loaded, so analyses carry gloss features. */
  private glossesPrepared = false;
  private glossLoading: Promise<void> | undefined;

  constructor(options: MatcherOptions) {
    this.embedder = options.embedder;
    this.analyzer = options.analyzer;
    this.createVectorIndex = options.createVectorIndex;
    this.clock = options.clock ?? (() => new Date());
    this.config = options.config ?? DEFAULT_MATCHER_CONFIG;
    this.prototypes = new PrototypeMatrix(this.embedder.dimensions);
  }

  get entryCount(): number {
    return this.entries.size;
  }

  useConfig(config: MatcherConfig): void {
    this.config = config;
  }

  /** Indexes the whole knowledge base from scratch, re-learning term weights when the embedder learns. */
  async rebuild(
    entries: readonly Entry[],
    synonyms: readonly Synonym[],
    options: CallOptions = {},
  ): Promise<void> {
    const enabled = entries.filter((entry) => entry.enabled);
    if (isTrainable(this.embedder)) {
      const texts = enabled.flatMap((entry) => localizedViews(entry).flatMap((view) => view.questions));
      await this.embedder.fit({ texts, synonyms }, options);
    } else {
      this.analyzer.useSynonyms(synonyms);
    }
    this.entries.clear();
    this.slots.length = 0;
    this.freeSlots.length = 0;
    this.labelToSlot.clear();
    this.nextLabel = 0;
    this.languageViews.clear();
    this.gloss = { status: 'off' };
    this.phrasingIndex = await this.createVectorIndex(this.embedder.dimensions);
    this.prototypes = new PrototypeMatrix(this.embedder.dimensions, Math.max(64, enabled.length * 2));
    this.bm25 = new Bm25Index();
    // A knowledge base in several languages needs the gloss view; a single-language one loads it only
    // when a question in another language arrives. Loading it first lets one analysis serve both views.
    const languages = new Set(
      enabled.flatMap((entry) => localizedViews(entry).map((view) => languageOf(view.locale))),
    );
    if (languages.size > 1) this.glossesPrepared = (await this.analyzer.prepareGlosses?.(options)) ?? false;
    const trainingSet: { slot: number; vector: Float32Array }[] = [];
    const collectTraining = this.refinementAffordable(enabled);
    for (const entry of enabled) {
      throwIfAborted(options.signal);
      trainingSet.push(...(await this.indexEntry(entry, options, collectTraining)));
    }
    refinePrototypes(this.prototypes, trainingSet, {
      epochs: this.config.refinementEpochs,
      budget: this.config.refinementBudget,
      margin: this.config.refinementMargin,
      learningRate: this.config.refinementLearningRate,
      sameEntry: (first, second) => this.slots[first]?.entryId === this.slots[second]?.entryId,
    });
    if (this.languageViews.size > 1) await this.enableGlosses(options);
  }

  /**
   * Whether at least one refinement pass fits the budget. When it does not (very large knowledge bases),
   * the phrasing vectors are not kept for it: at 10,000 entries they would cost hundreds of megabytes.
   */
  private refinementAffordable(entries: readonly Entry[]): boolean {
    if (this.config.refinementEpochs === 0) return false;
    const views = entries.reduce((total, entry) => total + localizedViews(entry).length, 0);
    const phrasings = entries.reduce(
      (total, entry) => total + localizedViews(entry).reduce((sum, view) => sum + view.questions.length, 0),
      0,
    );
    const nonZeroEstimate = Math.min(this.embedder.dimensions, 256);
    return phrasings * nonZeroEstimate * views <= this.config.refinementBudget;
  }

  /** Adds or replaces one entry without touching the rest of the index. */
  async upsertEntry(entry: Entry, options: CallOptions = {}): Promise<void> {
    this.removeEntry(entry.id);
    if (entry.enabled) await this.indexEntry(entry, options);
  }

  removeEntry(entryId: string): void {
    const state = this.entries.get(entryId);
    if (!state) return;
    for (const slot of state.slots) {
      const view = this.slots[slot];
      for (const label of view?.phrasingLabels ?? []) {
        this.phrasingIndex?.remove(label);
        this.labelToSlot.delete(label);
      }
      this.prototypes.clear(slot);
      if (this.gloss.status === 'ready') this.gloss.view.clear(slot);
      if (view) this.countLanguage(view.language, -1);
      this.bm25.remove(slot);
      this.slots[slot] = undefined;
      this.freeSlots.push(slot);
    }
    this.entries.delete(entryId);
  }

  async match(text: string, options: MatchOptions = {}): Promise<MatchDecision> {
    throwIfAborted(options.signal);
    let analyzed = this.analyzer.analyze(text);
    if (this.gloss.status === 'off' && this.hasOtherLanguages(analyzed.language)) {
      // Questions arriving together share one load instead of each building the gloss view.
      this.glossLoading ??= this.enableGlosses(options).finally(() => {
        this.glossLoading = undefined;
      });
      await this.glossLoading;
      analyzed = this.analyzer.analyze(text);
    }
    const query = {
      text,
      normalized: analyzed.normalized,
      language: analyzed.language,
      terms: analyzed.terms,
    };
    const thresholds = resolveThresholds(this.config, analyzed.language);
    const vector = hasEmbedAnalyzed(this.embedder)
      ? this.embedder.embedAnalyzed(analyzed)
      : (await this.embedder.embed([text], options))[0]!;
    if (this.entries.size === 0 || isZero(vector)) {
      const reason =
        this.entries.size === 0 ? 'the knowledge base is empty' : 'the question has no words to match';
      return { action: 'none', candidates: [], confidence: 0, margin: 0, query, reason, thresholds };
    }
    const candidates = this.rankCandidates(vector, analyzed, options.context ?? {});
    return this.decide(candidates, query, thresholds);
  }

  private async indexEntry(
    entry: Entry,
    options: CallOptions,
    collectTraining = false,
  ): Promise<{ slot: number; vector: Float32Array }[]> {
    this.phrasingIndex ??= await this.createVectorIndex(this.embedder.dimensions);
    const phrasingIndex = this.phrasingIndex;
    const state: EntryState = { entry, slots: [] };
    const trainingSet: { slot: number; vector: Float32Array }[] = [];
    const views = localizedViews(entry);
    const entryLanguages = new Set(views.map((view) => languageOf(view.locale)));
    for (const view of views) {
      // The builtin embedder reads the same analysis BM25 needs: analyse each phrasing once.
      const analyses = view.questions.map((question) => this.analyzer.analyze(question));
      const embedder = this.embedder;
      const vectors = hasEmbedAnalyzed(embedder)
        ? analyses.map((analysis) => embedder.embedAnalyzed(analysis))
        : await this.embedInBatches(view.questions, options);
      const slot = this.freeSlots.pop() ?? this.slots.length;
      const centroid = new Float32Array(this.embedder.dimensions);
      const labels: number[] = [];
      vectors.forEach((vector, index) => {
        for (let dimension = 0; dimension < centroid.length; dimension++)
          centroid[dimension]! += vector[dimension]!;
        const label = this.nextLabel++;
        labels.push(label);
        this.labelToSlot.set(label, { slot, text: view.questions[index]! });
        if (!isZero(vector)) phrasingIndex.upsert(label, vector);
        if (collectTraining) trainingSet.push({ slot, vector });
      });
      const language = languageOf(view.locale);
      this.slots[slot] = {
        entryId: entry.id,
        locale: view.locale,
        language,
        entryLanguages,
        phrasings: [...view.questions],
        phrasingLabels: labels,
        glossFeatures: this.glossesPrepared
          ? analyses.map((analysis) => analysis.glossFeatures ?? new Map<string, number>())
          : [],
      };
      this.prototypes.set(slot, normalizeInPlace(centroid));
      this.countLanguage(language, 1);
      if (this.gloss.status === 'ready') this.gloss.view.setView(slot, this.slots[slot].glossFeatures);
      this.bm25.upsert(
        slot,
        analyses.flatMap((analysis) => analysis.terms),
      );
      state.slots.push(slot);
    }
    this.entries.set(entry.id, state);
    return trainingSet;
  }

  private countLanguage(language: string, change: number): void {
    const views = (this.languageViews.get(language) ?? 0) + change;
    if (views > 0) this.languageViews.set(language, views);
    else this.languageViews.delete(language);
  }

  private hasOtherLanguages(language: string): boolean {
    for (const other of this.languageViews.keys()) if (other !== language) return true;
    return false;
  }

  /** Loads the analyzer's gloss resource and builds a gloss prototype for every view. */
  private async enableGlosses(options: CallOptions): Promise<void> {
    const available = (await this.analyzer.prepareGlosses?.(options)) ?? false;
    if (!available) {
      this.gloss = { status: 'unavailable' };
      return;
    }
    this.glossesPrepared = true;
    for (const view of this.slots) {
      // Views indexed before the resource was loaded have no gloss features yet.
      if (view && view.glossFeatures.length !== view.phrasings.length) {
        view.glossFeatures = view.phrasings.map(
          (phrasing) => this.analyzer.analyze(phrasing).glossFeatures ?? new Map<string, number>(),
        );
      }
    }
    this.gloss = { status: 'ready', view: new GlossView(this.slots, this.embedder.dimensions) };
  }

  private async embedInBatches(texts: readonly string[], options: CallOptions): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.embedder.maxBatchSize) {
      vectors.push(
        ...(await this.embedder.embed(texts.slice(start, start + this.embedder.maxBatchSize), options)),
      );
    }
    return vectors;
  }

  private rankCandidates(
    vector: Float32Array,
    analyzed: AnalyzedText,
    context: MatchContext,
  ): MatchCandidate[] {
    const { fusion } = this.config;
    const prototypeScores = this.prototypes.scoreAll(vector);
    const nearest = new Map<number, { text: string; similarity: number }>();
    for (const hit of this.phrasingIndex?.search(vector, this.config.nearestPhrasings) ?? []) {
      const phrasing = this.labelToSlot.get(hit.label);
      if (!phrasing) continue;
      const previous = nearest.get(phrasing.slot);
      if (!previous || previous.similarity < hit.similarity)
        nearest.set(phrasing.slot, { text: phrasing.text, similarity: hit.similarity });
    }
    const lexical = this.bm25.search(analyzed.terms);
    const language = analyzed.language;
    const glossScores = this.glossScores(analyzed);
    const { crossLingual } = this.config;

    const fused = new Float32Array(prototypeScores.length);
    for (let slot = 0; slot < prototypeScores.length; slot++) {
      const prototype = prototypeScores[slot]!;
      const view = this.slots[slot];
      if (prototype === Number.NEGATIVE_INFINITY || !view) {
        fused[slot] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const score =
        fusion.prototype * Math.max(0, prototype) +
        fusion.nearestPhrasing * Math.max(0, nearest.get(slot)?.similarity ?? prototype) +
        fusion.lexical * (lexical.get(slot)?.score ?? 0);
      if (view.language === language || !glossScores) {
        fused[slot] = score;
      } else if (view.entryLanguages.has(language)) {
        // The entry answers in the question's language: that view speaks for it.
        fused[slot] = Number.NEGATIVE_INFINITY;
      } else {
        fused[slot] =
          crossLingual.gloss * Math.max(0, glossScores[slot] ?? 0) + crossLingual.features * score;
      }
    }

    // Per entry, its best-scoring view; an entry outside its room or time window is never a candidate.
    // Most questions are settled by the first few slots; scoped-out entries may need a wider look.
    const now = this.clock();
    const bestByEntry = new Map<string, MatchCandidate>();
    const wanted = this.config.candidates;
    for (let window = wanted * 8; ; window *= 4) {
      for (const slot of topSlots(fused, window)) {
        const view = this.slots[slot]!;
        if (bestByEntry.has(view.entryId)) continue;
        const state = this.entries.get(view.entryId)!;
        if (!scopeAllows(state.entry.scope, context, now)) continue;
        const prototype = prototypeScores[slot]!;
        const nearestPhrasing = nearest.get(slot);
        const lexicalHit = lexical.get(slot);
        const glossScore = view.language === language ? undefined : glossScores?.[slot];
        bestByEntry.set(view.entryId, {
          entryId: view.entryId,
          entry: state.entry,
          matchedLocale: view.locale,
          confidence: 0,
          scores: {
            fused: fused[slot]!,
            prototype,
            nearestPhrasing: Math.max(0, nearestPhrasing?.similarity ?? prototype),
            lexical: lexicalHit?.score ?? 0,
            ...(glossScore === undefined ? {} : { gloss: glossScore }),
          },
          explanation: {
            nearestPhrasing,
            sharedTerms: [...(lexicalHit?.matchedTerms ?? [])].sort(
              (first, second) =>
                this.bm25.inverseDocumentFrequency(second) - this.bm25.inverseDocumentFrequency(first),
            ),
          },
        });
      }
      if (bestByEntry.size >= wanted || window >= fused.length) break;
      bestByEntry.clear();
    }
    const ranked = [...bestByEntry.values()].sort(
      (first, second) => second.scores.fused - first.scores.fused,
    );
    const top = ranked.slice(0, this.config.candidates);
    const { calibration } = this.config;
    const runnerUp = top[1]?.scores.fused ?? 0;
    const best = top[0]?.scores.fused ?? 0;
    for (const candidate of top) {
      const margin = candidate.scores.fused - (candidate === top[0] ? runnerUp : best);
      candidate.confidence = sigmoid(
        calibration.bias +
          calibration.scoreWeight * candidate.scores.fused +
          calibration.marginWeight * margin,
      );
    }
    return top;
  }

  /** Gloss-view cosine of every slot, when some view's language differs from the question's. */
  private glossScores(analyzed: AnalyzedText): Float32Array | undefined {
    if (
      this.gloss.status !== 'ready' ||
      !analyzed.glossFeatures ||
      !this.hasOtherLanguages(analyzed.language)
    )
      return undefined;
    return this.gloss.view.scores(analyzed.glossFeatures);
  }

  private decide(
    candidates: MatchCandidate[],
    query: MatchDecision['query'],
    thresholds: DecisionThresholds,
  ): MatchDecision {
    const best = candidates[0];
    const runnerUp = candidates[1];
    const margin = best ? best.scores.fused - (runnerUp?.scores.fused ?? 0) : 0;
    const confidence = best?.confidence ?? 0;
    const base = { candidates, confidence, margin, query, thresholds };
    if (!best || best.scores.fused < thresholds.minFusedScore) {
      const score = best?.scores.fused ?? 0;
      return {
        ...base,
        action: 'none',
        reason: `best score ${score.toFixed(3)} is below ${thresholds.minFusedScore}: no entry shares enough with the question`,
      };
    }
    if (confidence < thresholds.clarifyMinConfidence) {
      return {
        ...base,
        action: 'none',
        reason: `confidence ${confidence.toFixed(2)} is below ${thresholds.clarifyMinConfidence}: no entry fits`,
      };
    }
    const close =
      runnerUp !== undefined && runnerUp.scores.fused >= best.scores.fused * thresholds.clarifyMinRatio;
    if (confidence >= thresholds.answerMinConfidence && !close) {
      return {
        ...base,
        action: 'answer',
        best,
        reason: `confidence ${confidence.toFixed(2)} reaches ${thresholds.answerMinConfidence}`,
      };
    }
    const why = close
      ? `"${best.entryId}" and "${runnerUp.entryId}" score within ${Math.round((1 - thresholds.clarifyMinRatio) * 100)}% of each other`
      : `confidence ${confidence.toFixed(2)} is between ${thresholds.clarifyMinConfidence} and ${thresholds.answerMinConfidence}`;
    return { ...base, action: 'clarify', candidates: candidates.slice(0, 3), reason: why };
  }
}
