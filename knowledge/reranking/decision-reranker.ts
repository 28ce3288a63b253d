import { LivedeskError, isAbortError, throwIfAborted } from '../errors.js';
import { LruCache } from '../lru-cache.js';
import type { MatchDecision } from '../matching/match-decision.js';
import type { CandidateReranker, RerankPick } from './candidate-reranker.js';
import {
  applyRerankPick,
  candidatesToRerank,
  DEFAULT_RERANK_POLICY,
  describeCandidate,
  type RerankPolicy,
} from './rerank-policy.js';

export type RerankFallbackReason = 'timeout' | 'error' | 'unknown-candidate';

/** Running totals, read by the metrics at scrape time. */
export interface RerankStats {
  /** Requests sent to the reranker (cache hits and shared requests not counted). */
  calls: number;
  /** Close decisions answered from the cache or from a request another question had already started. */
  cacheHits: number;
  /** Decisions whose action or answered entry the reranker changed. */
  changed: number;
  /** Close decisions left as the matcher made them because the reranker failed, by why. */
  fallbacks: Record<RerankFallbackReason, number>;
}

export interface DecisionRerankerOptions {
  reranker: CandidateReranker;
  /** The whole second opinion, request and reading: past it the offline decision stands. */
  timeoutMs: number;
  /** Picks remembered (LRU). Default 2,000. */
  cacheCapacity?: number;
  policy?: Partial<RerankPolicy>;
  /** Told of each fallback as it happens (for logs); the stats count them anyway. */
  onFallback?: (reason: RerankFallbackReason, error: unknown) => void;
}

/** Applies the reranker to the matcher's close decisions; everything else passes through untouched. */
export interface DecisionReranker {
  /**
   * `generation` names the knowledge base's state the decision came from (a pick made over other entries
   * or other answers is never reused). Never fails for the reranker's sake, only for the caller's abort.
   */
  rerank(
    decision: MatchDecision,
    options: { generation: number; signal?: AbortSignal | undefined },
  ): Promise<MatchDecision>;
  readonly stats: Readonly<RerankStats>;
}

/**
 * One structured call per close decision, time-boxed (a reranker that ignores its signal is not waited
 * for either), cached per (question, candidates shown, knowledge base generation) and shared by the
 * questions that arrive while it runs: in a spike, a crowd asking the same thing costs one call. Only
 * readable picks are cached; after a failure the next question tries again.
 */
export function createDecisionReranker(options: DecisionRerankerOptions): DecisionReranker {
  const policy: RerankPolicy = { ...DEFAULT_RERANK_POLICY, ...options.policy };
  const { reranker, timeoutMs } = options;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new LivedeskError('invalid_input', `timeoutMs must be a positive integer, got ${timeoutMs}`);
  }
  const picks = new LruCache<string, { pick: RerankPick | undefined }>(options.cacheCapacity ?? 2_000);
  const inFlight = new Map<string, Promise<RerankPick | undefined>>();
  const stats: RerankStats = {
    calls: 0,
    cacheHits: 0,
    changed: 0,
    fallbacks: { timeout: 0, error: 0, 'unknown-candidate': 0 },
  };

  const fallBack = (reason: RerankFallbackReason, error: unknown): void => {
    stats.fallbacks[reason] += 1;
    options.onFallback?.(reason, error);
  };

  const ask = (key: string, question: string, shown: ReturnType<typeof describeCandidate>[]) => {
    const request = new Promise<RerankPick | undefined>((resolve) =>
      resolve(reranker.rerank(question, shown, { signal: AbortSignal.timeout(timeoutMs) })),
    ).then((pick) => {
      picks.set(key, { pick });
      return pick;
    });
    const forget = () => {
      if (inFlight.get(key) === request) inFlight.delete(key);
    };
    request.then(forget, forget);
    inFlight.set(key, request);
    stats.calls += 1;
    return request;
  };

  return {
    stats,
    async rerank(decision, { generation, signal }) {
      const shownCandidates = candidatesToRerank(decision, policy);
      if (shownCandidates === undefined) return decision;
      throwIfAborted(signal);
      const ids = shownCandidates.map((candidate) => candidate.entryId);
      const key = `${generation}\u0000${decision.query.text}\u0000${ids.join('\u0001')}`;
      let pick: RerankPick | undefined;
      const cached = picks.get(key);
      if (cached) {
        stats.cacheHits += 1;
        pick = cached.pick;
      } else {
        const shared = inFlight.get(key);
        if (shared) stats.cacheHits += 1;
        const request =
          shared ??
          ask(
            key,
            decision.query.text,
            shownCandidates.map((candidate) => describeCandidate(candidate, policy)),
          );
        try {
          pick = await withinBudget(request, timeoutMs, signal);
        } catch (error) {
          if (signal?.aborted === true) throw error;
          fallBack(isTimeout(error) ? 'timeout' : 'error', error);
          return decision;
        }
      }
      const applied = applyRerankPick(decision, shownCandidates, pick, { rerankerId: reranker.id, policy });
      if (applied.outcome === 'unknown-candidate') {
        fallBack(
          'unknown-candidate',
          new LivedeskError('unavailable', `the reranker picked an entry it was not shown`),
        );
      }
      if (applied.outcome === 'changed') stats.changed += 1;
      return applied.decision;
    },
  };
}

function isTimeout(error: unknown): boolean {
  return (
    (error instanceof LivedeskError && error.code === 'timeout') ||
    (error instanceof Error && error.name === 'TimeoutError')
  );
}

/** The request, or a timeout error once `timeoutMs` has passed, or the caller's abort: whichever is first. */
function withinBudget<T>(
  request: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      reject(new LivedeskError('timeout', `the reranker did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => {
      finish();
      reject(new LivedeskError('aborted', 'the question was aborted', { cause: signal?.reason }));
    };
    function finish(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    request.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        // A reranker aborted by its own time box reports an abort: that is our timeout.
        reject(
          isAbortError(error) && signal?.aborted !== true
            ? new LivedeskError('timeout', 'the reranker was cut off at its time box', { cause: error })
            : error instanceof Error
              ? error
              : new LivedeskError('internal', String(error)),
        );
      },
    );
  });
}
