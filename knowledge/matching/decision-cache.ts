import type { MatchContext } from '../entry.js';
import type { MatchDecision } from './match-decision.js';

export interface DecisionCacheOptions {
  /** Distinct questions kept; the least recently asked goes first. */
  capacity: number;
  /** How long a decision is reused: entries scoped to a time window may start or stop applying. */
  ttlMs: number;
  nowMs: () => number;
}

interface CachedDecision {
  decision: MatchDecision;
  generation: number;
  expiresAtMs: number;
}

/**
 * When a streamer says "top up now", thousands of viewers type the same few questions within seconds.
 * Their decisions are the same too, so they are computed once: keyed by the question as written modulo
 * case, width, spacing and punctuation, plus the room and streamer that scope entries. Any change to the
 * knowledge base starts a new generation, so no decision outlives the index it came from. Near-identical
 * questions that differ in words (a typo) are not folded here; the matcher handles them.
 */
export class DecisionCache {
  private readonly options: DecisionCacheOptions;
  private readonly decisions = new Map<string, CachedDecision>();
  private generation = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(options: DecisionCacheOptions) {
    this.options = options;
  }

  get hits(): number {
    return this.hitCount;
  }

  get misses(): number {
    return this.missCount;
  }

  /** The knowledge base changed: every cached decision is stale. */
  invalidate(): void {
    this.generation += 1;
    this.decisions.clear();
  }

  /** The decision for `text` if one is fresh; the caller's own text goes in `query.text`. */
  get(text: string, context: MatchContext | undefined): MatchDecision | undefined {
    const key = cacheKey(text, context);
    if (key === undefined) return undefined;
    const cached = this.decisions.get(key);
    if (!cached || cached.generation !== this.generation || cached.expiresAtMs <= this.options.nowMs()) {
      if (cached) this.decisions.delete(key);
      this.missCount += 1;
      return undefined;
    }
    // Re-inserted so Map order is recency order.
    this.decisions.delete(key);
    this.decisions.set(key, cached);
    this.hitCount += 1;
    return { ...cached.decision, query: { ...cached.decision.query, text } };
  }

  /** Keeps `decision`, computed in `generation` (read before matching: a change meanwhile voids it). */
  set(text: string, context: MatchContext | undefined, decision: MatchDecision, generation: number): void {
    const key = cacheKey(text, context);
    if (key === undefined || generation !== this.generation || this.options.capacity <= 0) return;
    this.decisions.delete(key);
    this.decisions.set(key, { decision, generation, expiresAtMs: this.options.nowMs() + this.options.ttlMs });
    if (this.decisions.size > this.options.capacity) {
      const oldest = this.decisions.keys().next().value;
      if (oldest !== undefined) this.decisions.delete(oldest);
    }
  }

  get currentGeneration(): number {
    return this.generation;
  }
}

/** Undefined for a question asked at a given moment: only "now" is cacheable. */
function cacheKey(text: string, context: MatchContext | undefined): string | undefined {
  if (context?.at !== undefined) return undefined;
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\s]+/gu, ' ')
    .trim();
  return `${context?.roomId ?? ''}\u0000${context?.streamerId ?? ''}\u0000${folded}`;
}
