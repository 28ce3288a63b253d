import type { Entry } from './entry.js';
import type { MatchDecision } from './matching/match-decision.js';
import type { MatchOptions, Matcher } from './matching/matcher.js';
import type { CallOptions, KnowledgeStore, StoreChange } from './ports.js';

/** Beyond this many changes at once (an import), a full rebuild is both faster and more accurate. */
const REBUILD_AFTER_CHANGES = 50;

export interface KnowledgeBaseOptions {
  store: KnowledgeStore;
  matcher: Matcher;
  /** Called when applying a change to the index fails; the store stays the source of truth. */
  onIndexError?: (error: unknown) => void;
}

/**
 * The store and the matcher kept in step: every committed change reaches the index one entry at a time;
 * a synonym change re-learns the whole vocabulary, since it changes how every phrasing reads.
 */
export class KnowledgeBase {
  readonly store: KnowledgeStore;
  readonly matcher: Matcher;
  private indexing: Promise<void> = Promise.resolve();
  private pending: StoreChange[] = [];
  private readonly unsubscribe: () => void;
  private readonly onIndexError: (error: unknown) => void;

  private constructor(options: KnowledgeBaseOptions) {
    this.store = options.store;
    this.matcher = options.matcher;
    this.onIndexError = options.onIndexError ?? ((error) => console.error('knowledge index update failed', error));
    this.unsubscribe = this.store.onChange((change) => this.enqueue(change));
  }

  static async open(options: KnowledgeBaseOptions, callOptions: CallOptions = {}): Promise<KnowledgeBase> {
    const knowledgeBase = new KnowledgeBase(options);
    await knowledgeBase.rebuild(callOptions);
    return knowledgeBase;
  }

  async rebuild(callOptions: CallOptions = {}): Promise<void> {
    const [entries, synonyms] = await Promise.all([this.store.list(), this.store.listSynonyms()]);
    await this.matcher.rebuild(entries, synonyms, callOptions);
  }

  /** Resolves once every change committed so far is searchable. */
  whenIndexed(): Promise<void> {
    return this.indexing;
  }

  async ask(text: string, options: MatchOptions = {}): Promise<MatchDecision> {
    return this.matcher.match(text, options);
  }

  async entries(): Promise<Entry[]> {
    return this.store.list();
  }

  close(): void {
    this.unsubscribe();
  }

  private enqueue(change: StoreChange): void {
    this.pending.push(change);
    if (this.pending.length === 1) this.indexing = this.indexing.then(() => this.drain()).catch(this.onIndexError);
  }

  /** Applies what piled up; an import of many entries re-learns term weights instead of patching. */
  private async drain(): Promise<void> {
    const changes = this.pending;
    this.pending = [];
    if (changes.some((change) => change.kind === 'synonyms') || changes.length > REBUILD_AFTER_CHANGES) {
      await this.rebuild();
      return;
    }
    for (const change of changes) {
      if (change.kind !== 'entry') continue;
      if (change.entry) await this.matcher.upsertEntry(change.entry);
      else this.matcher.removeEntry(change.entryId);
    }
  }
}
