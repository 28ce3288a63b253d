import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresWebhookStore } from '../../adapters/postgres/webhook-store.js';
import { freePort } from '../../deploy/haproxy/start-load-balancer.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logging/logger.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import type { WebhookStore } from '../../server/webhooks/webhook-store.js';
import { createPostgresTestSchema, type PostgresTestSchema } from '../support/postgres-test-schema.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const REDIS_URL = process.env.LIVEDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'webhook-cluster-test-secret-0123456789abcdef';

/** Two nodes on one PostgreSQL schema and Redis: the outbox is shared, only the leader delivers. */
describe('webhooks in cluster mode', () => {
  let schema: PostgresTestSchema;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let store: WebhookStore;
  let leader: RunningServer | undefined;
  let follower: RunningServer | undefined;
  let receiverUp = true;
  const folders: string[] = [];

  const start = async () => {
    const port = await freePort();
    const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-webhook-cluster-'));
    folders.push(folder);
    return startServer({
      config: loadConfig({
        LIVEDESK_DATA_DIR: folder,
        PORT: String(port),
        LIVEDESK_NODE_URL: `http://127.0.0.1:${port}`,
        LIVEDESK_DATABASE_URL: schema.url,
        LIVEDESK_REDIS_URL: REDIS_URL,
        LIVEDESK_SECRET: SECRET,
        LIVEDESK_TRUST_PROXY: 'true',
        LIVEDESK_LEADER_LEASE_MS: '8000',
        LIVEDESK_WEBHOOK_ALLOW_PRIVATE: 'true',
        LIVEDESK_WEBHOOK_POLL_MS: '50',
        LIVEDESK_WEBHOOK_RETRY_BASE_MS: '100',
        LIVEDESK_WEBHOOK_RETRY_MAX_MS: '200',
        LIVEDESK_WEBHOOK_MAX_ATTEMPTS: '50',
      }),
      hostname: '127.0.0.1',
      logger: silentLogger(),
    });
  };

  beforeAll(async () => {
    schema = await createPostgresTestSchema();
    hooks = await startWebhookReceiver(() => (receiverUp ? { status: 200 } : { status: 503 }));
    store = createPostgresWebhookStore({ pool: schema.pool });
    // One after the other: the first takes the lead.
    leader = await start();
    follower = await start();
    const login = await fetch(`${leader.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'livedesk-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${leader.url}/api/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ url: hooks.url, events: ['ticket.created'] }),
    });
    expect(created.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await follower?.close();
    await leader?.close();
    await hooks?.close();
    await schema?.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  async function enqueue(count: number, prefix: string): Promise<void> {
    const [subscription] = await store.listSubscriptions();
    const now = Date.now();
    await store.enqueue(
      Array.from({ length: count }, (_, index) => ({
        id: `dl_${prefix}${index}0000000`,
        subscriptionId: subscription!.id,
        eventId: `evt_${prefix}${index}`,
        eventType: 'ticket.created' as const,
        body: JSON.stringify({
          id: `evt_${prefix}${index}`,
          type: 'ticket.created',
          occurredAt: 'x',
          data: {},
        }),
        nextAttemptAtMs: now,
        createdAt: new Date(now).toISOString(),
      })),
    );
  }

  const idsReceived = () => hooks.received.map((request) => String(request.headers['livedesk-webhook-id']));

  it('delivers each pending event once, from the leader only', async () => {
    await enqueue(8, 'a');
    await hooks.waitFor(8);
    await expect.poll(() => store.pendingCount()).toBe(0);
    // Had the follower delivered too, some would have come twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(idsReceived().sort()).toEqual(Array.from({ length: 8 }, (_, index) => `evt_a${index}`).sort());
  });

  it('leaves what the old leader could not deliver to the new one', async () => {
    receiverUp = false;
    await enqueue(3, 'b');
    await hooks.waitFor(11);
    await leader!.close();
    leader = undefined;
    receiverUp = true;
    // The follower takes the lead within the lease and delivers what is still pending.
    await expect.poll(() => store.pendingCount(), { timeout: 30_000, interval: 200 }).toBe(0);
    for (const id of ['evt_b0', 'evt_b1', 'evt_b2']) {
      const answered = hooks.received.filter((request) => request.headers['livedesk-webhook-id'] === id);
      expect(answered.length, id).toBeGreaterThanOrEqual(2);
    }
    expect(await store.deadLetters({ limit: 10 })).toEqual([]);
  }, 45_000);
});
