import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { MetricsAccessConfig } from '../config.js';
import type { LivedeskMetrics } from '../metrics/livedesk-metrics.js';
import { registerMetricsRoute } from './metrics-route.js';

export interface MetricsListenerHandle {
  /** `http://host:port`, the port the system gave when 0 was asked for. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * LIVEDESK_METRICS_PORT: `/metrics` alone on a listener of its own, so the scraper's network (or
 * loopback, the default host) is the only way in; the main port then answers 404 for it.
 */
export async function startMetricsListener(options: {
  metrics: LivedeskMetrics;
  access: MetricsAccessConfig & { port: number };
}): Promise<MetricsListenerHandle> {
  const app = new Hono();
  // Its own port is for the scraper alone: who reaches it is the operator's choice of host, proxy or not.
  registerMetricsRoute(app, {
    metrics: options.metrics,
    access: options.access,
    listener: 'metrics',
    trustProxy: false,
  });
  app.notFound((context) =>
    context.json({ error: 'not_found', message: 'only /metrics is served here' }, 404),
  );
  const { host } = options.access;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.access.port, hostname: host }, () =>
      resolve(started),
    );
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
