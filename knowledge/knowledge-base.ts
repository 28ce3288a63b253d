import type { MatchDecision } from './matching/match-decision.js';
import { DecisionCache } from './matching/decision-cache.js';
import type { MatchOptions, Matcher } from './matching/matcher.js';
import { mergeSynonyms } from './domain-packs/pack-vocabulary.js';
import type { CallOptions, KnowledgeStore, StoreChange } from './ports.js';
import type { DecisionReranker } from './reranking/decision-reranker.js';
import type { Synonym } from './synonym.js';

/** Beyond this many changes at once (an import), a full rebuild is both faster and more accurate. */
const REBUILD_AFTER_CHANGES = 50;

export interface KnowledgeBaseOptions {
  store: KnowledgeStore;
  matcher: Matcher;
  /** Called when applying a change to the index fails; the store stays the source of truth. */
  onIndexError?: (error: unknown) => void;
  /** Reuse of decisions for repeated questions (see DecisionCache); capacity 0 turns it off. */
  decisionCache?: { capacity?: number; ttlMs?: number; nowMs?: () => number };
  /**
   * A second opinion on close decisions (knowledge/reranking/decision-reranker.ts); absent: the matcher
   * decides alone. What it returns is what the decision cache keeps, fallbacks included, so a crowd asking
   * the same question costs at most one call per cache lifetime.
   */
  reranker?: DecisionReranker | undefined;
  /**
   * Synonyms beyond the store's (the domain packs'), read at every full rebuild; the store's own win
   * where both map the same term. Call `rebuild` after they change.
   */
  extraSynonyms?: () => Promise<readonly Synonym[]>;
}

/**
 * The store and the matcher kept in step: every committed change reaches the index one entry at a time;
 * a synonym change re-learns the whole vocabulary, since it changes how every phrasing reads.
 *
 * Index work runs one piece at a time, in commit order: a change committed while the index is being built
 * is applied after the build, never in the middle of it. A question asked during a full rebuild waits for
 * it rather than search a half-built index.
 */
export class KnowledgeBase {
  readonly store: KnowledgeStore;
  readonly matcher: Matcher;
  /** The tail of the index work queue; never rejects. */
  private indexing: Promise<void> = Promise.resolve();
  private rebuilding: Promise<void> | undefined;
  private pending: StoreChange[] = [];
  private readonly unsubscribe: () => void;
  private readonly onIndexError: (error: unknown) => void;
  private readonly decisions: DecisionCache;
  private readonly reranker: DecisionReranker | undefined;
  private readonly extraSynonyms: () => Promise<readonly Synonym[]>;

  private constructor(options: KnowledgeBaseOptions) {
    this.store = options.store;
    this.matcher = options.matcher;
    this.reranker = options.reranker;
    this.extraSynonyms = options.extraSynonyms ?? (() => Promise.resolve([]));
    this.decisions = new DecisionCache({
      capacity: options.decisionCache?.capacity ?? 10_000,
      ttlMs: options.decisionCache?.ttlMs ?? 10_000,
      nowMs: options.decisionCache?.nowMs ?? (() => Date.now()),
    });
    this.onIndexError =
      options.onIndexError ?? ((error) => console.error('knowledge index update failed', error));
    this.unsubscribe = this.store.onChange((change) => this.enqueue(change));
  }

  static async open(options: KnowledgeBaseOptions, callOptions: CallOptions = {}): Promise<KnowledgeBase> {
    const knowledgeBase = new KnowledgeBase(options);
    try {
      await knowledgeBase.rebuild(callOptions);
    } catch (error) {
      knowledgeBase.close();
      throw error;
    }
    return knowledgeBase;
  }

  /** Indexes the whole knowledge base afresh, after the index work already queued. */
  rebuild(callOptions: CallOptions = {}): Promise<void> {
    const run = this.indexing.then(() => this.rebuildNow(callOptions));
    this.indexing = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every change committed so far is searchable. */
  whenIndexed(): Promise<void> {
    return this.indexing;
  }

  async ask(text: string, options: MatchOptions = {}): Promise<MatchDecision> {
    if (this.rebuilding) await this.rebuilding.catch(() => undefined);
    const cached = this.decisions.get(text, options.context);
    if (cached) return cached;
    const generation = this.decisions.currentGeneration;
    const offline = await this.matcher.match(text, options);
    const decision = this.reranker
      ? await this.reranker.rerank(offline, { generation, signal: options.signal })
      : offline;
    this.decisions.set(text, options.context, decision, generation);
    return decision;
  }

  /** Questions answered from the decision cache, and those that needed the matcher. */
  get decisionCacheStats(): { hits: number; misses: number } {
    return { hits: this.decisions.hits, misses: this.decisions.misses };
  }

  close(): void {
    this.unsubscribe();
  }

  private async rebuildNow(callOptions: CallOptions = {}): Promise<void> {
    const work = (async () => {
      const [entries, synonyms, extra] = await Promise.all([
        this.store.list(),
        this.store.listSynonyms(),
        this.extraSynonyms(),
      ]);
      await this.matcher.rebuild(entries, mergeSynonyms(synonyms, extra), callOptions);
    })();
    this.rebuilding = work;
    this.decisions.invalidate();
    try {
      await work;
    } finally {
      if (this.rebuilding === work) this.rebuilding = undefined;
      this.decisions.invalidate();
    }
  }

  private enqueue(change: StoreChange): void {
    this.decisions.invalidate();
    this.pending.push(change);
    if (this.pending.length === 1)
      this.indexing = this.indexing.then(() => this.drain()).catch((error: unknown) => this.report(error));
  }

  /** The queue must survive a failing handler, or every later change would go unindexed. */
  private report(error: unknown): void {
    try {
      this.onIndexError(error);
    } catch (handlerError) {
      console.error('knowledge index error handler failed', handlerError, error);
    }
  }

  /** Applies what piled up; an import of many entries re-learns term weights instead of patching. */
  private async drain(): Promise<void> {
    const changes = this.pending;
    this.pending = [];
    if (changes.some((change) => change.kind === 'synonyms') || changes.length > REBUILD_AFTER_CHANGES) {
      await this.rebuildNow();
      return;
    }
    // One entry failing to index must not keep the changes after it out of the index.
    for (const change of changes) {
      if (change.kind !== 'entry') continue;
      try {
        if (change.entry) await this.matcher.upsertEntry(change.entry);
        else this.matcher.removeEntry(change.entryId);
      } catch (error) {
        this.report(error);
      }
      // Questions asked while this change was being applied must not keep what they found.
      this.decisions.invalidate();
    }
  }
}
