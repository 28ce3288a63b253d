export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  documentId: number;
  /** Raw score divided by the query's attainable maximum: 0..1, comparable across queries. */
  score: number;
  matchedTerms: string[];
}

interface Posting {
  documentId: number;
  termFrequency: number;
}

/**
 * Okapi BM25 over analyzer terms, with documents added and removed one at a time so an edit to one
 * entry never rebuilds the index.
 */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly postings = new Map<string, Map<number, Posting>>();
  private readonly documentTerms = new Map<number, Map<string, number>>();
  private readonly documentLengths = new Map<number, number>();
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.documentTerms.size;
  }

  upsert(documentId: number, terms: readonly string[]): void {
    this.remove(documentId);
    const frequencies = new Map<string, number>();
    for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    this.documentTerms.set(documentId, frequencies);
    this.documentLengths.set(documentId, terms.length);
    this.totalLength += terms.length;
    for (const [term, termFrequency] of frequencies) {
      const list = this.postings.get(term) ?? new Map<number, Posting>();
      list.set(documentId, { documentId, termFrequency });
      this.postings.set(term, list);
    }
  }

  remove(documentId: number): void {
    const frequencies = this.documentTerms.get(documentId);
    if (!frequencies) return;
    for (const [term, count] of frequencies) {
      this.totalLength -= count;
      const list = this.postings.get(term);
      list?.delete(documentId);
      if (list?.size === 0) this.postings.delete(term);
    }
    this.documentTerms.delete(documentId);
    this.documentLengths.delete(documentId);
  }

  inverseDocumentFrequency(term: string): number {
    const documentFrequency = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (this.size - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  search(queryTerms: readonly string[]): Map<number, Bm25Hit> {
    const hits = new Map<number, Bm25Hit>();
    const uniqueTerms = [...new Set(queryTerms)];
    if (this.size === 0 || uniqueTerms.length === 0) return hits;
    const averageLength = this.totalLength / this.size || 1;
    let attainable = 0;
    for (const term of uniqueTerms) {
      const list = this.postings.get(term);
      const idf = this.inverseDocumentFrequency(term);
      // Every query term counts toward the maximum, matched or not: a query with unknown words scores lower.
      attainable += idf;
      if (!list) continue;
      for (const { documentId, termFrequency } of list.values()) {
        const length = this.documentLengths.get(documentId) ?? 0;
        const saturation =
          (termFrequency * (this.k1 + 1)) /
          (termFrequency + this.k1 * (1 - this.b + (this.b * length) / averageLength));
        const hit = hits.get(documentId) ?? { documentId, score: 0, matchedTerms: [] };
        hit.score += (idf * saturation) / (this.k1 + 1);
        hit.matchedTerms.push(term);
        hits.set(documentId, hit);
      }
    }
    if (attainable > 0) for (const hit of hits.values()) hit.score = Math.min(1, hit.score / attainable);
    return hits;
  }
}
