import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logging/logger.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { createPostgresTestSchema, type PostgresTestSchema } from '../support/postgres-test-schema.js';
import { createTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { ViewerTestClient } from '../server/viewer-test-client.js';

const REDIS = new URL(process.env.LIVEDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const SECRET = 'redis-outage-test-secret-0123456789abcdef';

/** A cluster node whose Redis goes away and comes back, through a relay the test can cut. */
describe('a cluster node losing Redis', () => {
  let schema: PostgresTestSchema;
  let redis: TcpProxy;
  let server: RunningServer;
  const folders: string[] = [];

  const clusterConfig = (redisUrl: string) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-redis-outage-'));
    folders.push(folder);
    return loadConfig({
      LIVEDESK_DATA_DIR: folder,
      PORT: '0',
      LIVEDESK_DATABASE_URL: schema.url,
      LIVEDESK_REDIS_URL: redisUrl,
      LIVEDESK_SECRET: SECRET,
      LIVEDESK_TRUST_PROXY: 'true',
    });
  };

  beforeAll(async () => {
    schema = await createPostgresTestSchema();
    redis = await createTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    server = await startServer({
      config: clusterConfig(`redis://127.0.0.1:${redis.port}`),
      hostname: '127.0.0.1',
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await redis?.start().catch(() => undefined);
    await server?.close();
    await redis?.close();
    await schema?.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function health() {
    const response = await fetch(`${server.url}/healthz`);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; failing?: string[] },
    };
  }

  async function until<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 15_000,
  ): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() - started > timeoutMs) throw new Error(`not reached: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('reports degraded while Redis is gone and still takes messages, since Redis carries none of them', async () => {
    const session = await fetch(`${server.url}/api/viewer/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: 'room-redis' }),
    });
    const { token } = (await session.json()) as { token: string };
    const viewer = await ViewerTestClient.connect(`${server.url.replace(/^http/u, 'ws')}/ws/viewer`);
    try {
      await viewer.join({ token, locale: 'en' });
      let from = viewer.mark();
      viewer.send({ type: 'message', text: 'How do I top up coins?', clientMessageId: 'before' });
      await viewer.waitForType('ack', { from });

      await redis.stop();
      const down = await until(health, (value) => value.body.status !== 'ok');
      expect(down).toEqual({ status: 200, body: { status: 'degraded', failing: ['redis'] } });
      from = viewer.mark();
      viewer.send({ type: 'message', text: 'How do I top up coins?', clientMessageId: 'during' });
      await viewer.waitForType('ack', { from });

      await redis.start();
      expect(await until(health, (value) => value.body.status === 'ok')).toEqual({
        status: 200,
        body: { status: 'ok' },
      });
    } finally {
      await viewer.close();
    }
  });

  it('stops start-up with the reason when Redis cannot be reached', async () => {
    await expect(
      startServer({
        config: clusterConfig('redis://127.0.0.1:1'),
        hostname: '127.0.0.1',
        logger: silentLogger(),
      }),
    ).rejects.toThrow(/cannot reach Redis at 127\.0\.0\.1:1/u);
  });
});
