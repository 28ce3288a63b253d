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
import {
  SoftmaxClassifier,
  toSparse,
  trainingCost,
  type ClassifierExample,
  type SparseVector,
} from './softmax-classifier.js';
import { topSlots } from './top-slots.js';
import { yieldToEventLoop } from '../yield-to-event-loop.js';
import { BACKGROUND_PHRASES } from './background-phrases.js';
import { FeatureRows } from './feature-rows.js';
import { matchingLanguageOfLocale } from '../text/script.js';

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
  /** Rendered from the entry's other language (see viewsOf), not written by an editor. */
  rendered: boolean;
  /** The phrasings' language-neutral features, kept so the gloss view never re-analyses them. */
  glossFeatures: Map<string, number>[];
}

/** One view as it is indexed: what is analysed (`texts`) and the editor's phrasings behind them. */
interface IndexedView {
  /** The locale whose answer the view gives. */
  locale: string;
  /** The language it is matched in: the locale's, or the other one for a rendered view. */
  language: string;
  texts: readonly string[];
  phrasings: readonly string[];
  /** Rendered from another language rather than written by an editor. */
  rendered: boolean;
}

/**
 * Gloss-centroid cosine at or above which two entries in different languages say the same thing. On the
 * starter dev questions, distinct entries came to 0.38 at most; an entry and its translation kept as
 * another entry (adapters/language/cross-lingual-matching.test.ts) to 0.43.
 */
const COUNTERPART_SIMILARITY = 0.4;

/** The language pair whose missing side is rendered from the other. */
const RENDERED_LANGUAGES = ['zh', 'en'] as const;

/** Fewer own rows than this read too little for the classifier to be worth its memory. */
const MIN_FEATURE_ROWS = 4_096;

/** What speaks for or against any answer at all, beside the candidates' own scores. */
interface QuestionEvidence {
  /** The classifier's share of belief in general chat (see backgroundShare). */
  background: number;
}

interface EntryState {
  entry: Entry;
  slots: number[];
  /** The entry's column in the classifier. */
  classLabel: number;
  /** Its phrasings as classifier inputs, kept while the classifier is affordable. */
  examples: SparseVector[];
}

/** An embedder that can reuse the matcher's analysis of the query (the builtin one). */
interface AnalyzedEmbedder {
  embedAnalyzed(analyzed: AnalyzedText): Float32Array;
}

function hasEmbedAnalyzed(embedder: Embedder): embedder is Embedder & AnalyzedEmbedder {
  return typeof (embedder as Partial<AnalyzedEmbedder>).embedAnalyzed === 'function';
}

/** An embedder that also gives its features unfolded, one id per feature (the builtin one). */
interface UnfoldedFeatures {
  featuresAnalyzed(analyzed: AnalyzedText): SparseVector;
}

function hasUnfoldedFeatures(embedder: Embedder): embedder is Embedder & UnfoldedFeatures {
  return typeof (embedder as Partial<UnfoldedFeatures>).featuresAnalyzed === 'function';
}

/** The language a locale's view is matched in (Spanish and English views share the Latin analysis). */
function languageOf(locale: string): string {
  return matchingLanguageOfLocale(locale);
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
  private classifier: SoftmaxClassifier;
  private readonly classOwners: (string | undefined)[] = [];
  /** Classes of general chat (see backgroundExamples) and their training examples. */
  private readonly backgroundLabels: number[] = [];
  private background: ClassifierExample[] = [];
  private readonly freeClasses: number[] = [];
  /** Whether the knowledge base is small enough for the classifier (see classifierAffordable). */
  private classifierOn = false;
  private classifierScores = new Float32Array(0);
  /** The classifier's own feature rows, when it reads unfolded features rather than the embedding. */
  private classifierRows: FeatureRows | undefined;
  /** Whether the analyzer's gloss resource is loaded, so analyses carry gloss features. */
  private glossesPrepared = false;
  /** Whether entries get rendered views in the language they lack (see viewsOf). */
  private crossLingualPhrasings = false;
  private glossLoading: Promise<void> | undefined;

  constructor(options: MatcherOptions) {
    this.embedder = options.embedder;
    this.analyzer = options.analyzer;
    this.createVectorIndex = options.createVectorIndex;
    this.clock = options.clock ?? (() => new Date());
    this.config = options.config ?? DEFAULT_MATCHER_CONFIG;
    this.prototypes = new PrototypeMatrix(this.embedder.dimensions);
    this.classifier = new SoftmaxClassifier(this.embedder.dimensions);
  }

  get entryCount(): number {
    return this.entries.size;
  }

  /** Feature rows the classifier's weights hold now (each takes 4 bytes per class), for memory checks. */
  get classifierFeatureRows(): number {
    return this.classifier.dimensions;
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
    this.analyzer.useSynonyms(synonyms);
    // A knowledge base in several languages needs the gloss view; a single-language one loads it only
    // when a question in another language arrives. Loading it first lets one analysis serve both views.
    const languages = new Set(
      enabled.flatMap((entry) => localizedViews(entry).map((view) => languageOf(view.locale))),
    );
    this.glossesPrepared =
      languages.size > 1 ? ((await this.analyzer.prepareGlosses?.(options)) ?? false) : false;
    const phrasings = enabled.reduce(
      (total, entry) => total + localizedViews(entry).reduce((sum, view) => sum + view.questions.length, 0),
      0,
    );
    this.crossLingualPhrasings =
      this.glossesPrepared &&
      this.rendersOtherLanguage() &&
      phrasings <= this.config.crossLingual.maxRenderedPhrasings;
    const viewsByEntry = new Map(enabled.map((entry) => [entry.id, this.viewsOf(entry)]));
    if (isTrainable(this.embedder)) {
      const texts = [...viewsByEntry.values()].flatMap((views) => views.flatMap((view) => view.texts));
      await this.embedder.fit({ texts, synonyms, glosses: this.glossesPrepared }, options);
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
    this.classifierOn = this.classifierAffordable(enabled);
    // The background classes come after the entries; an unused classifier holds one column only.
    const classes = Object.keys(BACKGROUND_PHRASES).length + enabled.length;
    // Fresh rows at every rebuild: edits in between only add rows, and this gives them back.
    this.classifierRows =
      this.classifierOn && this.readsOwnFeatures()
        ? new FeatureRows(this.featureRowLimit(classes))
        : undefined;
    // With rows of its own, the classifier starts with none and adds them as phrasings bring features.
    this.classifier = new SoftmaxClassifier(
      this.classifierRows ? 0 : this.embedder.dimensions,
      this.classifierOn ? classes : 1,
    );
    this.classOwners.length = 0;
    this.backgroundLabels.length = 0;
    this.background = [];
    this.freeClasses.length = 0;
    this.bm25 = new Bm25Index();
    const trainingSet: { slot: number; vector: Float32Array }[] = [];
    const collectTraining = this.refinementAffordable(enabled, this.crossLingualPhrasings ? 2 : 1);
    for (const entry of enabled) {
      throwIfAborted(options.signal);
      trainingSet.push(
        ...(await this.indexEntry(entry, options, collectTraining, viewsByEntry.get(entry.id))),
      );
    }
    if (this.classifierOn) {
      this.background = this.config.classifier.background ? this.backgroundExamples() : [];
      await this.trainClassifier([...this.entries.values()], this.config.classifier.epochs, options);
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
  private refinementAffordable(entries: readonly Entry[], viewsPerView: number): boolean {
    if (this.config.refinementEpochs === 0) return false;
    const views = viewsPerView * entries.reduce((total, entry) => total + localizedViews(entry).length, 0);
    const phrasings = entries.reduce(
      (total, entry) => total + localizedViews(entry).reduce((sum, view) => sum + view.questions.length, 0),
      0,
    );
    const nonZeroEstimate = Math.min(this.embedder.dimensions, 256);
    return phrasings * viewsPerView * nonZeroEstimate * views <= this.config.refinementBudget;
  }

  /** Whether training the classifier fits its budget; beyond it the matcher ranks without it. */
  private classifierAffordable(entries: readonly Entry[]): boolean {
    const { classifier } = this.config;
    if (classifier.epochs === 0 || this.config.fusion.classifier === 0) return false;
    const phrasings = entries.reduce(
      (total, entry) => total + localizedViews(entry).reduce((sum, view) => sum + view.questions.length, 0),
      0,
    );
    // Rendered views can double the examples; the estimate counts them.
    // Worth it when a third of the epochs fit; training stops at the budget (see SoftmaxClassifier).
    const cost = trainingCost(phrasings * 2, 400, entries.length, Math.ceil(classifier.epochs / 3));
    if (cost > classifier.budget) return false;
    // The weights take rows × classes × 4 bytes: own rows are capped to fit (featureRowLimit), but too
    // few of them would read little, and the embedding's buckets are as many as it has dimensions.
    const classes = Object.keys(BACKGROUND_PHRASES).length + entries.length;
    const rows = this.readsOwnFeatures() ? MIN_FEATURE_ROWS : this.embedder.dimensions;
    return rows * classes * 4 <= classifier.maxBytes;
  }

  /** Whether the classifier reads unfolded features over rows of its own (see FeatureRows). */
  private readsOwnFeatures(): boolean {
    return this.config.classifier.ownFeatures && hasUnfoldedFeatures(this.embedder);
  }

  /** The most own rows the classifier's weights may take with `classes` classes. */
  private featureRowLimit(classes: number): number {
    const { maxFeatureRows, maxBytes } = this.config.classifier;
    return Math.max(16, Math.min(maxFeatureRows, Math.floor(maxBytes / (4 * Math.max(1, classes)))));
  }

  /**
   * The background classes: general chat no entry is for, one class per kind, so that a question like
   * them gives its probability to the background rather than to the nearest entry.
   */
  private backgroundExamples(): ClassifierExample[] {
    const examples: ClassifierExample[] = [];
    for (const phrases of Object.values(BACKGROUND_PHRASES)) {
      const label = this.classOwners.length;
      this.classOwners[label] = undefined;
      const inputs = phrases.flatMap((phrase) => {
        const analysis = this.analyzer.analyze(phrase);
        const vector = this.embedSync(analysis);
        return vector === undefined || isZero(vector) ? [] : [this.classifierInput(vector, analysis, true)];
      });
      if (inputs.length === 0) continue;
      this.classifier.setClass(label, inputs, this.config.classifier.initialScale);
      this.backgroundLabels.push(label);
      examples.push(...inputs.map((input) => ({ label, input })));
    }
    return examples;
  }

  /** The builtin embedder's vector of a text; undefined for embedders that only embed asynchronously. */
  private embedSync(analysis: AnalyzedText): Float32Array | undefined {
    return hasEmbedAnalyzed(this.embedder) ? this.embedder.embedAnalyzed(analysis) : undefined;
  }

  /**
   * What the classifier reads: the unfolded features over its own rows (new features get rows when
   * `grow`, as when indexing; a question's unseen ones have no weight anyway), else the embedding.
   */
  private classifierInput(vector: Float32Array, analysis: AnalyzedText, grow: boolean): SparseVector {
    const rows = this.classifierRows;
    if (!rows || !hasUnfoldedFeatures(this.embedder)) return toSparse(vector);
    const input = rows.encode(this.embedder.featuresAnalyzed(analysis), grow);
    if (grow) this.classifier.ensureFeatures(rows.size, rows.limit);
    return input;
  }

  /**
   * Trains the classifier on the given entries' phrasings (and the background); every class competes.
   * Between epochs the event loop gets a turn: training a few hundred entries takes a second or more.
   */
  private async trainClassifier(
    states: readonly EntryState[],
    epochs: number,
    options: CallOptions & { incremental?: boolean },
  ): Promise<void> {
    const examples: ClassifierExample[] = states.flatMap((state) =>
      state.examples.map((input) => ({ label: state.classLabel, input })),
    );
    // An edit trains the changed entry alone: decaying every weight, or retraining the background, at
    // each edit would let the untouched entries fade until the next full rebuild.
    if (!options.incremental) examples.push(...this.background);
    const { classifier } = this.config;
    const training = this.classifier.epochs(examples, {
      epochs,
      learningRate: classifier.learningRate,
      l2: options.incremental ? 0 : classifier.l2,
      budget: classifier.budget,
    });
    for (const _ of training) {
      await yieldToEventLoop();
      throwIfAborted(options.signal);
    }
  }

  /** Adds or replaces one entry without touching the rest of the index. */
  async upsertEntry(entry: Entry, options: CallOptions = {}): Promise<void> {
    this.removeEntry(entry.id);
    if (!entry.enabled) return;
    await this.indexEntry(entry, options);
    const state = this.entries.get(entry.id);
    // The new entry learns against the trained others; a full rebuild retrains them all.
    if (state && this.classifierOn)
      await this.trainClassifier([state], this.config.classifier.incrementalEpochs, {
        ...options,
        incremental: true,
      });
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
    this.classifier.clear(state.classLabel);
    this.classOwners[state.classLabel] = undefined;
    this.freeClasses.push(state.classLabel);
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
    const { candidates, evidence } = this.rankCandidates(vector, analyzed, options.context ?? {});
    return this.decide(candidates, query, thresholds, evidence);
  }

  /** Whether the analyzer can render a phrasing in the other language and the config wants it. */
  private rendersOtherLanguage(): boolean {
    return this.config.crossLingual.phrasings && typeof this.analyzer.crossLingualPhrasing === 'function';
  }

  /**
   * The entry's views as indexed: its own languages, and, once cross-lingual phrasings are on, a rendered
   * view in each language of the pair it lacks, standing in for the translation nobody wrote.
   */
  private viewsOf(entry: Entry): IndexedView[] {
    const views: IndexedView[] = localizedViews(entry).map((view) => ({
      locale: view.locale,
      language: languageOf(view.locale),
      texts: view.questions,
      phrasings: view.questions,
      rendered: false,
    }));
    const source = views[0];
    if (!this.crossLingualPhrasings || !source) return views;
    for (const target of RENDERED_LANGUAGES) {
      if (views.some((view) => view.language === target)) continue;
      const texts: string[] = [];
      const phrasings: string[] = [];
      for (const phrasing of source.phrasings) {
        const rendered = this.analyzer.crossLingualPhrasing?.(phrasing, target);
        if (rendered) {
          texts.push(rendered);
          phrasings.push(phrasing);
        }
      }
      if (texts.length > 0)
        views.push({ locale: source.locale, language: target, texts, phrasings, rendered: true });
    }
    return views;
  }

  private async indexEntry(
    entry: Entry,
    options: CallOptions,
    collectTraining = false,
    views: IndexedView[] = this.viewsOf(entry),
  ): Promise<{ slot: number; vector: Float32Array }[]> {
    const classLabel = this.freeClasses.pop() ?? this.classOwners.length;
    this.classOwners[classLabel] = entry.id;
    const state: EntryState = { entry, slots: [], classLabel, examples: [] };
    const trainingSet = await this.indexViews(state, views, options, collectTraining);
    if (this.classifierOn)
      this.classifier.setClass(classLabel, state.examples, this.config.classifier.initialScale);
    else state.examples = [];
    this.entries.set(entry.id, state);
    return trainingSet;
  }

  private async indexViews(
    state: EntryState,
    views: readonly IndexedView[],
    options: CallOptions,
    collectTraining: boolean,
  ): Promise<{ slot: number; vector: Float32Array }[]> {
    this.phrasingIndex ??= await this.createVectorIndex(this.embedder.dimensions);
    const phrasingIndex = this.phrasingIndex;
    const trainingSet: { slot: number; vector: Float32Array }[] = [];
    // Only written views speak for the entry in their language; a rendered one competes beside them.
    const entryLanguages =
      state.slots.length > 0
        ? this.slots[state.slots[0]!]!.entryLanguages
        : new Set(views.filter((view) => !view.rendered).map((view) => view.language));
    for (const view of views) {
      // The builtin embedder reads the same analysis BM25 needs: analyse each phrasing once.
      const analyses = view.texts.map((text) => this.analyzer.analyze(text));
      const embedder = this.embedder;
      const vectors = hasEmbedAnalyzed(embedder)
        ? analyses.map((analysis) => embedder.embedAnalyzed(analysis))
        : await this.embedInBatches(view.texts, options);
      const slot = this.freeSlots.pop() ?? this.slots.length;
      const centroid = new Float32Array(this.embedder.dimensions);
      const labels: number[] = [];
      vectors.forEach((vector, index) => {
        for (let dimension = 0; dimension < centroid.length; dimension++)
          centroid[dimension]! += vector[dimension]!;
        const label = this.nextLabel++;
        labels.push(label);
        this.labelToSlot.set(label, { slot, text: view.phrasings[index]! });
        if (!isZero(vector)) {
          phrasingIndex.upsert(label, vector);
          if (this.classifierOn) state.examples.push(this.classifierInput(vector, analyses[index]!, true));
        }
        if (collectTraining) trainingSet.push({ slot, vector });
      });
      this.slots[slot] = {
        entryId: state.entry.id,
        locale: view.locale,
        language: view.language,
        entryLanguages,
        phrasings: [...view.phrasings],
        rendered: view.rendered,
        phrasingLabels: labels,
        glossFeatures: this.glossesPrepared
          ? analyses.map((analysis) => analysis.glossFeatures ?? new Map<string, number>())
          : [],
      };
      this.prototypes.set(slot, normalizeInPlace(centroid));
      this.countLanguage(view.language, 1);
      if (this.gloss.status === 'ready') this.gloss.view.setView(slot, this.slots[slot].glossFeatures);
      this.bm25.upsert(
        slot,
        analyses.flatMap((analysis) => analysis.terms),
      );
      state.slots.push(slot);
    }
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
  ): { candidates: MatchCandidate[]; evidence: QuestionEvidence } {
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
    // A question in a language the knowledge base has no view in shares no features the classifier
    // learned: its probabilities would be hash collisions.
    const classified =
      this.classifierOn && this.languageViews.has(language)
        ? this.classifierProbabilities(vector, analyzed)
        : undefined;

    const fused = new Float32Array(prototypeScores.length);
    for (let slot = 0; slot < prototypeScores.length; slot++) {
      const prototype = prototypeScores[slot]!;
      const view = this.slots[slot];
      if (prototype === Number.NEGATIVE_INFINITY || !view) {
        fused[slot] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const classScore = classified ? classified[this.entries.get(view.entryId)!.classLabel]! : 0;
      const score =
        fusion.prototype * Math.max(0, prototype) +
        fusion.nearestPhrasing * Math.max(0, nearest.get(slot)?.similarity ?? prototype) +
        fusion.lexical * (lexical.get(slot)?.score ?? 0) +
        fusion.classifier * classScore;
      if (view.rendered && view.language === language) {
        fused[slot] = score * crossLingual.rendered;
      } else if (view.language === language || !glossScores) {
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
    /** Per candidate entry, the slot of its best view. */
    const winningSlots = new Map<string, number>();
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
        winningSlots.set(view.entryId, slot);
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
            ...(classified ? { classifier: classified[state.classLabel]! } : {}),
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
    this.preferWrittenLanguage(ranked, winningSlots);
    const top = ranked.slice(0, this.config.candidates);
    const runnerUp = top[1]?.scores.fused ?? 0;
    const best = top[0]?.scores.fused ?? 0;
    const evidence = { background: classified ? this.backgroundShare(classified) : 0 };
    for (const candidate of top) {
      const margin = candidate.scores.fused - (candidate === top[0] ? runnerUp : best);
      candidate.confidence = this.calibrate(candidate.scores.fused, margin, evidence);
    }
    return { candidates: top, evidence };
  }

  /**
   * A rendered view stands in for a translation nobody wrote. When the knowledge base does have the
   * entry's counterpart written in the question's language (one entry per language, say), and it is
   * among the candidates, the viewer gets the written one: the rendered candidate drops just below it.
   * Counterparts are told by their gloss centroids, which meet across languages.
   */
  private preferWrittenLanguage(ranked: MatchCandidate[], winningSlots: ReadonlyMap<string, number>): void {
    const first = ranked[0];
    const firstSlot = first && winningSlots.get(first.entryId);
    if (!first || firstSlot === undefined || !this.slots[firstSlot]?.rendered) return;
    if (this.gloss.status !== 'ready') return;
    const gloss = this.gloss.view;
    const written = this.entries
      .get(first.entryId)!
      .slots.filter((slot) => this.slots[slot] && !this.slots[slot].rendered);
    const counterpart = ranked.find((candidate) => {
      const slot = winningSlots.get(candidate.entryId);
      const view = slot === undefined ? undefined : this.slots[slot];
      if (!view || view.rendered || candidate.scores.gloss !== undefined) return false;
      return written.some((own) => gloss.similarity(own, slot!) >= COUNTERPART_SIMILARITY);
    });
    if (!counterpart) return;
    first.scores.fused = counterpart.scores.fused * 0.9;
    ranked.sort((one, other) => other.scores.fused - one.scores.fused);
  }

  /** The classifier's belief that the question is general chat rather than any entry's. */
  private backgroundShare(probabilities: Float32Array): number {
    let share = 0;
    for (const label of this.backgroundLabels) share += probabilities[label] ?? 0;
    return share;
  }

  private classifierProbabilities(vector: Float32Array, analyzed: AnalyzedText): Float32Array {
    if (this.classifierScores.length < this.classifier.classCount)
      this.classifierScores = new Float32Array(this.classifier.classCount * 2);
    return this.classifier.probabilities(
      this.classifierInput(vector, analyzed, false),
      this.classifierScores,
    );
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

  /** The calibrated probability that a candidate (or a group offered together) holds the answer. */
  private calibrate(fused: number, margin: number, evidence: QuestionEvidence): number {
    const { calibration } = this.config;
    return sigmoid(
      calibration.bias +
        calibration.scoreWeight * fused +
        calibration.marginWeight * margin +
        calibration.backgroundWeight * evidence.background,
    );
  }

  /**
   * Answer when one entry is clearly likely; offer two or three when none is but together they are;
   * otherwise say that nothing fits. Offering one plausible entry beside unlikely ones helps nobody.
   */
  private decide(
    candidates: MatchCandidate[],
    query: MatchDecision['query'],
    thresholds: DecisionThresholds,
    evidence: QuestionEvidence,
  ): MatchDecision {
    const best = candidates[0];
    const runnerUp = candidates[1];
    const margin = best ? best.scores.fused - (runnerUp?.scores.fused ?? 0) : 0;
    const confidence = best?.confidence ?? 0;
    const base = { candidates, confidence, margin, query, thresholds, ...evidence };
    if (!best || best.scores.fused < thresholds.minFusedScore) {
      const score = best?.scores.fused ?? 0;
      return {
        ...base,
        action: 'none',
        reason: `best score ${score.toFixed(3)} is below ${thresholds.minFusedScore}: no entry shares enough with the question`,
      };
    }
    const close =
      candidates[1] !== undefined &&
      candidates[1].scores.fused >= best.scores.fused * thresholds.clarifyMinRatio;
    if (!close && confidence >= thresholds.answerMinConfidence) {
      return {
        ...base,
        action: 'answer',
        best,
        reason: `confidence ${confidence.toFixed(2)} reaches ${thresholds.answerMinConfidence}`,
      };
    }
    // No single entry is likely enough: offer the smallest group of two or three that together is.
    for (const size of [2, 3]) {
      const group = candidates.slice(0, size);
      if (group.length < size) break;
      const outside = candidates[size]?.scores.fused ?? 0;
      const together = this.calibrate(best.scores.fused, group.at(-1)!.scores.fused - outside, evidence);
      if (together < thresholds.clarifyMinConfidence) continue;
      return {
        ...base,
        action: 'clarify',
        candidates: group,
        reason: `${group.map((candidate) => `"${candidate.entryId}"`).join(', ')} together are ${together.toFixed(2)} likely (at least ${thresholds.clarifyMinConfidence}), none alone reaches ${thresholds.answerMinConfidence}`,
      };
    }
    return {
      ...base,
      action: 'none',
      reason: close
        ? `"${best.entryId}" and "${runnerUp!.entryId}" are close, and no two or three entries together reach ${thresholds.clarifyMinConfidence}: no entry fits`
        : `confidence ${confidence.toFixed(2)} is below ${thresholds.answerMinConfidence} and no two or three entries together reach ${thresholds.clarifyMinConfidence}: no entry fits`,
    };
  }
}
