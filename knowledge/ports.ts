import type { Entry, EntryInput } from './entry.js';
import type { Synonym } from './synonym.js';

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/**
 * Turns texts into vectors of `dimensions` floats (L2-normalised, so dot product is cosine).
 *
 * The rules every implementation follows (test/contracts/embedder.contract.ts checks them):
 * - one vector per text, in the order given; `embed([])` resolves to `[]`;
 * - a text that is empty or only whitespace gives a zero vector of `dimensions` floats: it carries
 *   nothing to match, and a zero vector has cosine 0 with everything, so it never wins a search;
 * - any other text gives a unit vector, except that an embedder may give a zero vector for a text
 *   in which it finds nothing to embed (only punctuation or control characters, say);
 * - the same text gives the same vector, whether embedded alone or in a batch of any size;
 * - more texts than `maxBatchSize` are split into batches by the embedder itself;
 * - an aborted `signal` rejects with `LivedeskError` code `'aborted'`, checked at least between
 *   batches; odd input (emoji, HTML, control characters, very long text) never throws.
 */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  embed(texts: readonly string[], options?: CallOptions): Promise<Float32Array[]>;
}

/**
 * An embedder that learns from the knowledge base (term weights, vocabulary, synonyms) before use.
 * The matcher calls `fit` whenever the corpus changes enough to matter.
 */
export interface TrainableEmbedder extends Embedder {
  fit(corpus: EmbedderCorpus, options?: CallOptions): Promise<void>;
}

export interface EmbedderCorpus {
  texts: readonly string[];
  synonyms: readonly Synonym[];
  /**
   * Whether vectors carry the language-neutral gloss stems (a knowledge base in two languages); false
   * keeps them out even when the analyzer has loaded its glosses for an earlier foreign question.
   */
  glosses?: boolean;
}

export function isTrainable(embedder: Embedder): embedder is TrainableEmbedder {
  return typeof (embedder as Partial<TrainableEmbedder>).fit === 'function';
}

export interface VectorHit {
  label: number;
  /** Cosine similarity in -1..1. */
  similarity: number;
}

/** Nearest-neighbour search over labelled vectors, updated one label at a time. */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  upsert(label: number, vector: Float32Array): void;
  remove(label: number): void;
  search(vector: Float32Array, k: number): VectorHit[];
}

/** A persisted index: `save` writes it where the factory was told, so a restart skips the rebuild. */
export interface PersistentVectorIndex extends VectorIndex {
  save(): Promise<void>;
}

export type ChangeAction = 'create' | 'update' | 'delete' | 'revert';

/** One recorded change to one entry: who, when, and the entry before and after. */
export interface EntryVersion {
  versionId: number;
  entryId: string;
  action: ChangeAction;
  actor: string;
  at: string;
  before: Entry | null;
  after: Entry | null;
}

export interface EntryFilter {
  tag?: string;
  enabled?: boolean;
  text?: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** The knowledge base's storage. Every write is versioned; `importEntries` is all-or-nothing. */
export interface KnowledgeStore {
  readonly knowledgeBaseId: string;
  list(filter?: EntryFilter): Promise<Entry[]>;
  get(id: string): Promise<Entry | undefined>;
  put(entry: EntryInput, actor: string): Promise<EntryVersion | undefined>;
  remove(id: string, actor: string): Promise<EntryVersion>;
  importEntries(entries: readonly EntryInput[], actor: string): Promise<ImportResult>;
  versions(query?: { entryId?: string; limit?: number }): Promise<EntryVersion[]>;
  /** Undoes one recorded change: the entry returns to that version's `before`. */
  revert(versionId: number, actor: string): Promise<EntryVersion>;
  listSynonyms(): Promise<Synonym[]>;
  putSynonym(synonym: Synonym, actor: string): Promise<void>;
  removeSynonym(term: string, locale: string | undefined, actor: string): Promise<void>;
  /** Notified after every committed change, so indexes update incrementally. */
  onChange(listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}

export type StoreChange = { kind: 'entry'; entryId: string; entry: Entry | null } | { kind: 'synonyms' };
