import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type MetricsAccessConfig } from '../../server/config.js';
import { decideMetricsAccess, isLoopback } from '../../server/http/metrics-access.js';
import { startServer, type RunningServer } from '../../server/start-server.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const folders: string[] = [];

async function start(env: Record<string, string>, hostname = '127.0.0.1'): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-metrics-'));
  folders.push(dataDir);
  const config = loadConfig({
    LIVEDESK_DATA_DIR: dataDir,
    PORT: '0',
    LIVEDESK_SEED_DEMO: 'false',
    LIVEDESK_ADMIN_PASSWORD: 'admin-password',
    ...env,
  });
  return startServer({ config, hostname });
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** An address of this machine that is not loopback, if it has one (CI containers usually do). */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;
}

describe('who may read /metrics', () => {
  const none: MetricsAccessConfig = { host: '127.0.0.1' };
  const request = {
    listener: 'main' as const,
    authorization: undefined,
    proxied: false,
    behindTrustedProxy: false,
  };

  it('with nothing configured: loopback callers only, never through a proxy', () => {
    expect(decideMetricsAccess(none, { ...request, remoteAddress: '127.0.0.1' })).toBe('allow');
    expect(decideMetricsAccess(none, { ...request, remoteAddress: '::1' })).toBe('allow');
    expect(decideMetricsAccess(none, { ...request, remoteAddress: '::ffff:127.0.0.1' })).toBe('allow');
    expect(decideMetricsAccess(none, { ...request, remoteAddress: '10.0.0.8' })).toBe('forbidden');
    expect(decideMetricsAccess(none, { ...request, remoteAddress: '::ffff:192.168.1.2' })).toBe('forbidden');
    expect(decideMetricsAccess(none, { ...request, remoteAddress: undefined })).toBe('forbidden');
    expect(decideMetricsAccess(none, { ...request, remoteAddress: '127.0.0.1', proxied: true })).toBe(
      'forbidden',
    );
  });

  it('behind a trusted proxy: nobody on the main port without a token, even from loopback with no header', () => {
    const behind = { ...request, behindTrustedProxy: true };
    expect(decideMetricsAccess(none, { ...behind, remoteAddress: '127.0.0.1' })).toBe('forbidden');
    expect(decideMetricsAccess(none, { ...behind, remoteAddress: '::1' })).toBe('forbidden');
    // A token still lets the scraper in, and a metrics port of its own is not behind the proxy.
    expect(
      decideMetricsAccess(
        { ...none, token: TOKEN },
        { ...behind, remoteAddress: '10.0.0.8', authorization: `Bearer ${TOKEN}` },
      ),
    ).toBe('allow');
    expect(
      decideMetricsAccess(
        { ...none, port: 9464 },
        { ...behind, listener: 'metrics', remoteAddress: '127.0.0.1' },
      ),
    ).toBe('allow');
  });

  it('with a token: the bearer token, from anywhere, and nothing else', () => {
    const withToken = { ...none, token: TOKEN };
    const from = (authorization: string | undefined, remoteAddress = '10.0.0.8') =>
      decideMetricsAccess(withToken, { ...request, authorization, remoteAddress });
    expect(from(`Bearer ${TOKEN}`)).toBe('allow');
    expect(from(`bearer ${TOKEN}`)).toBe('allow');
    expect(from(undefined, '127.0.0.1')).toBe('unauthorized');
    expect(from(`Bearer ${TOKEN}x`)).toBe('unauthorized');
    expect(from(`Basic ${TOKEN}`)).toBe('unauthorized');
    expect(from(TOKEN)).toBe('unauthorized');
  });

  it('with a port of its own: not on the main port at all', () => {
    const ownPort = { ...none, port: 9464 };
    expect(decideMetricsAccess(ownPort, { ...request, remoteAddress: '127.0.0.1' })).toBe('not-found');
    expect(
      decideMetricsAccess(ownPort, { ...request, listener: 'metrics', remoteAddress: '127.0.0.1' }),
    ).toBe('allow');
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', '0.0.0.0', '', 'localhost'].some(isLoopback)).toBe(
      false,
    );
  });

  it('reads its settings from the environment and refuses a short token', () => {
    expect(loadConfig({}).http.metrics).toEqual({ host: '127.0.0.1' });
    expect(
      loadConfig({
        LIVEDESK_METRICS_TOKEN: TOKEN,
        LIVEDESK_METRICS_PORT: '9464',
        LIVEDESK_METRICS_HOST: '0.0.0.0',
      }).http.metrics,
    ).toEqual({ token: TOKEN, port: 9464, host: '0.0.0.0' });
    expect(() => loadConfig({ LIVEDESK_METRICS_TOKEN: 'short' })).toThrow(/LIVEDESK_METRICS_TOKEN/u);
    expect(() => loadConfig({ LIVEDESK_METRICS_PORT: 'x' })).toThrow(/LIVEDESK_METRICS_PORT/u);
  });
});

describe('/metrics on a running server', () => {
  it('answers loopback by default, and refuses a request relayed by a proxy', async () => {
    const server = await start({});
    try {
      const local = await fetch(`${server.url}/metrics`);
      expect(local.status).toBe(200);
      expect(await local.text()).toMatch(/^livedesk_llm_fallbacks_total 0$/m);
      const relayed = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(relayed.status).toBe(403);
      expect(await relayed.text()).not.toContain('livedesk_');
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy (LIVEDESK_TRUST_PROXY), refuses a loopback request that carries no forwarding header', async () => {
    const server = await start({ LIVEDESK_TRUST_PROXY: 'true' });
    try {
      // What a proxy on this machine that adds no X-Forwarded-For sends: loopback, no header.
      const relayed = await fetch(`${server.url}/metrics`);
      expect(relayed.status).toBe(403);
      expect(await relayed.text()).not.toContain('livedesk_');
    } finally {
      await server.close();
    }
    const withToken = await start({ LIVEDESK_TRUST_PROXY: 'true', LIVEDESK_METRICS_TOKEN: TOKEN });
    try {
      const scraped = await fetch(`${withToken.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(scraped.status).toBe(200);
    } finally {
      await withToken.close();
    }
  });

  it.skipIf(outsideAddress() === undefined)('refuses a caller from another address by default', async () => {
    const server = await start({}, '0.0.0.0');
    try {
      const fromOutside = await fetch(`http://${outsideAddress()}:${server.port}/metrics`);
      expect(fromOutside.status).toBe(403);
      expect(await fromOutside.text()).not.toContain('livedesk_');
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('with LIVEDESK_METRICS_TOKEN: 401 without the bearer token or with a wrong one, 200 with it', async () => {
    const server = await start({ LIVEDESK_METRICS_TOKEN: TOKEN });
    try {
      const bare = await fetch(`${server.url}/metrics`);
      expect(bare.status).toBe(401);
      expect(bare.headers.get('www-authenticate')).toContain('Bearer');
      expect(await bare.text()).not.toContain('livedesk_');
      const wrong = await fetch(`${server.url}/metrics`, {
        headers: { authorization: 'Bearer wrong-token' },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(right.status).toBe(200);
      expect(right.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      expect(await right.text()).toMatch(/^# TYPE livedesk_turn_duration_seconds histogram$/m);
    } finally {
      await server.close();
    }
  });

  it('with LIVEDESK_METRICS_PORT: served on its own loopback listener, 404 on the main port', async () => {
    const server = await start({ LIVEDESK_METRICS_PORT: '0' });
    try {
      expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      const own = await fetch(`${server.metricsUrl}/metrics`);
      expect(own.status).toBe(200);
      expect(await own.text()).toMatch(/^livedesk_viewer_connections 0$/m);
      expect((await fetch(`${server.metricsUrl}/api/health`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
