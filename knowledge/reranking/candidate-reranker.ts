/** What the reranker is shown of one candidate entry, in the language view that matched. */
export interface RerankCandidate {
  entryId: string;
  /** A few of the entry's phrasings, the one nearest the question first. */
  phrasings: readonly string[];
  /** The start of the entry's answer: enough to tell what it is about. */
  answerExcerpt: string;
}

/** The reranker's pick: one of the candidates' ids, or null when none of them answers the question. */
export interface RerankPick {
  entryId: string | null;
  /** How sure the reranker is of its pick, 0..1. */
  confidence: number;
}

/**
 * A second opinion on which of a few close candidates answers a viewer's question, from a model that
 * reads the question and the candidates' phrasings and answers (an LLM, a cross-encoder).
 *
 * Resolves `undefined` when it declines to judge. Fails with a LivedeskError when it cannot answer
 * (unreachable, timed out, answered something unreadable); the caller then keeps the offline decision.
 * An id that was not among the candidates is the caller's to reject.
 */
export interface CandidateReranker {
  readonly id: string;
  rerank(
    question: string,
    candidates: readonly RerankCandidate[],
    options: { signal: AbortSignal },
  ): Promise<RerankPick | undefined>;
}
