import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logging/logger.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import {
  createPostgresTestSchema,
  urlWithSchema,
  type PostgresTestSchema,
} from '../support/postgres-test-schema.js';
import { createTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { ViewerTestClient } from './viewer-test-client.js';

/** A Livedesk node on PostgreSQL, reached through a relay the test can cut: the database "goes away". */
describe('a node on PostgreSQL', () => {
  let schema: PostgresTestSchema;
  let proxy: TcpProxy;
  let server: RunningServer;
  const folders: string[] = [];

  const dataDir = () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-pg-node-'));
    folders.push(folder);
    return folder;
  };
  const nodeConfig = (url: string) =>
    loadConfig({
      LIVEDESK_DATA_DIR: dataDir(),
      PORT: '0',
      LIVEDESK_DATABASE_URL: url,
      LIVEDESK_ADMIN_PASSWORD: 'admin-password',
    });
  const proxiedUrl = () => {
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    return url.toString();
  };

  beforeAll(async () => {
    schema = await createPostgresTestSchema({ migrate: false });
    proxy = await createTcpProxy({ host: '127.0.0.1', port: Number(new URL(schema.url).port || 5432) });
    server = await startServer({
      config: nodeConfig(proxiedUrl()),
      hostname: '127.0.0.1',
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await server?.close();
    await proxy?.close();
    await schema?.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function viewer(): Promise<ViewerTestClient> {
    const session = await fetch(`${server.url}/api/viewer/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: 'room-pg' }),
    });
    const { token } = (await session.json()) as { token: string };
    const client = await ViewerTestClient.connect(`${server.url.replace(/^http/u, 'ws')}/ws/viewer`);
    await client.join({ token, locale: 'en' });
    return client;
  }

  async function health(): Promise<{ status: number; body: { status: string; failing?: string[] } }> {
    const response = await fetch(`${server.url}/healthz`);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; failing?: string[] },
    };
  }

  async function until<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 10_000,
  ): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() - started > timeoutMs)
        throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const storedMessages = async (clientMessageId: string): Promise<number> =>
    (
      await schema.pool.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM conversation_events WHERE type = 'viewer-message' AND body->>'clientMessageId' = $1",
        [clientMessageId],
      )
    ).rows[0]?.count ?? 0;

  it('answers a viewer and keeps the conversation in PostgreSQL', async () => {
    const client = await viewer();
    try {
      const from = client.mark();
      client.send({ type: 'message', text: 'How do I top up coins?', clientMessageId: 'pg-first' });
      const ack = await client.waitForType('ack', { from });
      expect(ack.sequence).toBeGreaterThan(0);
      const end = await client.waitForEvent('turn-end', { from });
      expect(end.event.delivered).toMatch(/top up/iu);
      expect(await storedMessages('pg-first')).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('refuses a second node on the same database with a clear message', async () => {
    await expect(startServer({ config: nodeConfig(schema.url), hostname: '127.0.0.1' })).rejects.toThrow(
      /another Livedesk node already runs on this database/u,
    );
  });

  it('reports unhealthy and refuses messages while PostgreSQL is gone, and recovers by itself', async () => {
    const client = await viewer();
    try {
      await proxy.stop();
      const down = await until(health, (value) => value.status === 503);
      expect(down.body).toEqual({ status: 'unhealthy', failing: ['database'] });

      const from = client.mark();
      client.send({ type: 'message', text: 'How do I top up coins?', clientMessageId: 'pg-outage' });
      const refused = await client.waitForError('unavailable', from);
      expect(refused.clientMessageId).toBe('pg-outage');
      expect(client.frames.slice(from).some((frame) => frame.type === 'ack')).toBe(false);

      await proxy.start();
      await until(health, (value) => value.status === 200);
      const again = client.mark();
      client.send({ type: 'message', text: 'How do I top up coins?', clientMessageId: 'pg-outage' });
      await client.waitForType('ack', { from: again });
      expect(await storedMessages('pg-outage')).toBe(1);
    } finally {
      await client.close();
    }
  });
});

describe('start-up against PostgreSQL', () => {
  it('stops with the reason when the database cannot be reached, never showing the password', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-pg-down-'));
    try {
      const attempt = startServer({
        config: loadConfig({
          LIVEDESK_DATA_DIR: folder,
          PORT: '0',
          LIVEDESK_DATABASE_URL: urlWithSchema('postgres://livedesk:hunter2@127.0.0.1:1/test', 'public'),
        }),
        hostname: '127.0.0.1',
      });
      await expect(attempt).rejects.toThrow(
        /cannot reach PostgreSQL at 127\.0\.0\.1:1\/test \(ECONNREFUSED\)/u,
      );
      await expect(attempt).rejects.not.toThrow(/hunter2/u);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a URL that is not postgres:// in the configuration', () => {
    expect(() => loadConfig({ LIVEDESK_DATABASE_URL: 'mysql://root@127.0.0.1/test' })).toThrow(
      /LIVEDESK_DATABASE_URL: must be a postgres:\/\/ URL/u,
    );
  });
});
