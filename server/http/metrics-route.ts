import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import type { MetricsAccessConfig } from '../config.js';
import type { LivedeskMetrics } from '../metrics/livedesk-metrics.js';
import { decideMetricsAccess, type MetricsListener } from './metrics-access.js';
import type { ApiRegistry } from './openapi/api-registry.js';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsRouteOptions {
  metrics: LivedeskMetrics;
  access: MetricsAccessConfig;
  listener: MetricsListener;
  /** `LIVEDESK_TRUST_PROXY`: requests on this listener may come through a proxy (see MetricsRequest). */
  trustProxy: boolean;
  /** Where the route describes itself for /openapi.json (the main listener only). */
  registry?: ApiRegistry;
}

/** `GET /metrics`: the running server in Prometheus text format, for the operator's scraper only. */
export function registerMetricsRoute(app: Hono, options: MetricsRouteOptions): void {
  const { metrics, access, listener } = options;
  app.get('/metrics', async (context) => {
    const decision = decideMetricsAccess(access, {
      listener,
      authorization: context.req.header('authorization'),
      remoteAddress: remoteAddress(context),
      proxied:
        context.req.header('x-forwarded-for') !== undefined || context.req.header('forwarded') !== undefined,
      behindTrustedProxy: options.trustProxy,
    });
    switch (decision) {
      case 'allow':
        return context.body(await metrics.render(), 200, {
          'content-type': PROMETHEUS_CONTENT_TYPE,
          'cache-control': 'no-store',
        });
      case 'unauthorized':
        return context.json({ error: 'unauthorized', message: 'metrics need a bearer token' }, 401, {
          'www-authenticate': 'Bearer realm="metrics"',
        });
      case 'forbidden':
        return context.json(
          {
            error: 'forbidden',
            message:
              'metrics are served to this machine only, never through a proxy; set LIVEDESK_METRICS_TOKEN or LIVEDESK_METRICS_PORT',
          },
          403,
        );
      case 'not-found':
        return context.json({ error: 'not_found', message: 'metrics are served on their own port' }, 404);
    }
  });
  options.registry?.add({
    method: 'get',
    path: '/metrics',
    summary:
      'Prometheus metrics: connections, queue length, turn latency, LLM errors, process. Needs LIVEDESK_METRICS_TOKEN as a bearer token when set; else loopback callers only, and nobody on the main port behind a trusted proxy (LIVEDESK_TRUST_PROXY)',
    tag: 'metrics',
    responses: {
      200: { description: 'Prometheus text exposition format 0.0.4', contentType: 'text/plain' },
      401: { description: 'LIVEDESK_METRICS_TOKEN is set and the bearer token is missing or wrong' },
      403: {
        description:
          'No token is configured and the caller is not on this machine, or the main port sits behind a trusted proxy',
      },
      404: { description: 'Metrics are served on LIVEDESK_METRICS_PORT instead' },
    },
  });
}

function remoteAddress(context: Context): string | undefined {
  try {
    return getConnInfo(context).remote.address;
  } catch {
    // Not served by @hono/node-server (app.request in a test): no socket, so not loopback either.
    return undefined;
  }
}
