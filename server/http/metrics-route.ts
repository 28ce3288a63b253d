import type { Hono } from 'hono';
import type { LivedeskMetrics } from '../metrics/livedesk-metrics.js';
import type { ApiRegistry } from './openapi/api-registry.js';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `GET /metrics`: the running server in Prometheus text format, for a scraper on the operator's network. */
export function registerMetricsRoute(app: Hono, metrics: LivedeskMetrics, registry: ApiRegistry): void {
  app.get('/metrics', (context) =>
    context.body(metrics.render(), 200, {
      'content-type': PROMETHEUS_CONTENT_TYPE,
      'cache-control': 'no-store',
    }),
  );
  registry.add({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics: connections, queue length, turn latency, LLM errors, process',
    tag: 'metrics',
    responses: { 200: { description: 'Prometheus text exposition format 0.0.4', contentType: 'text/plain' } },
  });
}
