import { Counter, type Registry } from 'prom-client';
import type { RerankStats } from '../../knowledge/reranking/decision-reranker.js';

/**
 * The candidate reranker's running totals as counters, read at scrape time (the reranker lives in the
 * knowledge base, built before the metrics). A read that throws leaves the counter out of that scrape.
 */
export function registerRerankMetrics(registry: Registry, read: () => Readonly<RerankStats>): void {
  const counter = (
    name: string,
    help: string,
    series: (stats: Readonly<RerankStats>) => { labels?: Record<string, string>; value: number }[],
    labelNames: string[] = [],
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        let stats: Readonly<RerankStats>;
        try {
          stats = read();
        } catch {
          return;
        }
        for (const { labels, value } of series(stats)) {
          if (labels) this.inc(labels, value);
          else this.inc(value);
        }
      },
    });
  counter(
    'livedesk_llm_rerank_calls_total',
    'Close match decisions sent to the LLM reranker (cache hits not counted).',
    (stats) => [{ value: stats.calls }],
  );
  counter(
    'livedesk_llm_rerank_cache_hits_total',
    'Close match decisions reranked from the cache or a request already running.',
    (stats) => [{ value: stats.cacheHits }],
  );
  counter(
    'livedesk_llm_rerank_changed_total',
    'Match decisions whose action or answered entry the LLM reranker changed.',
    (stats) => [{ value: stats.changed }],
  );
  counter(
    'livedesk_llm_rerank_fallbacks_total',
    'Close match decisions left as the matcher made them because the LLM reranker failed, by reason.',
    (stats) => Object.entries(stats.fallbacks).map(([reason, value]) => ({ labels: { reason }, value })),
    ['reason'],
  );
}
