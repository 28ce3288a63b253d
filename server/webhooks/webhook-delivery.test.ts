import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteWebhookStore } from '../../adapters/sqlite/webhook-store.js';
import { startWebhookReceiver, type ReceiverReply } from '../../test/support/webhook-receiver.js';
import { createWebhookRuntime, type WebhookRuntime } from './create-webhook-runtime.js';
import type { WebhookStore } from './webhook-store.js';
import { verifyWebhookSignature } from './verify-webhook-signature.js';
import { WebhookBodySchema, type WebhookEventType } from './webhook-event.js';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings.js';

const FAST: WebhookSettings = {
  ...DEFAULT_WEBHOOK_SETTINGS,
  allowPrivate: true,
  timeoutMs: 2_000,
  retryBaseMs: 80,
  retryMaxMs: 2_000,
  pollIntervalMs: 25,
  maxAttempts: 4,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sqliteFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-webhook-delivery-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return path.join(folder, 'livedesk.sqlite');
}

function openRuntime(
  file: string,
  settings: Partial<WebhookSettings> = {},
  wrapStore: (store: WebhookStore) => WebhookStore = (store) => store,
): { runtime: WebhookRuntime; database: Database } {
  const database = createSqliteDatabase(file);
  const runtime = createWebhookRuntime({
    store: wrapStore(createSqliteWebhookStore({ database })),
    settings: { ...FAST, ...settings },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await runtime.close();
    database.close();
  };
  cleanups.push(close);
  return { runtime, database };
}

async function receiver(reply?: (index: number) => ReceiverReply) {
  const started = await startWebhookReceiver(reply);
  cleanups.push(() => started.close());
  return started;
}

async function subscribe(
  runtime: WebhookRuntime,
  url: string,
  events: WebhookEventType[] = ['ticket.created'],
) {
  const created = await runtime.admin.create({ url, events, active: true, description: '' }, 'admin');
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

const parsed = (body: string) => WebhookBodySchema.parse(JSON.parse(body));

const ticketCreated = (ticketId: string) => ({
  type: 'ticket.created',
  occurredAt: '2026-12-07T12:00:00.000Z',
  data: { ticketId },
});

describe('webhook delivery to a real receiver on loopback', () => {
  it('POSTs the event as signed JSON that the verify helper accepts, and a tampered copy it refuses', async () => {
    const hooks = await receiver();
    const { runtime } = openRuntime(sqliteFile());
    const { secret } = await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    const [request] = await hooks.waitFor(1);
    const body = WebhookBodySchema.parse(JSON.parse(request!.body));
    expect(body).toMatchObject({
      type: 'ticket.created',
      occurredAt: '2026-12-07T12:00:00.000Z',
      data: { ticketId: 'T-1' },
    });
    expect(body.id).toMatch(/^evt_/);
    expect(request!.headers['livedesk-webhook-id']).toBe(body.id);
    expect(request!.headers['content-type']).toBe('application/json');
    const signature = String(request!.headers['livedesk-signature']);
    const timestamp = String(request!.headers['livedesk-timestamp']);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(verifyWebhookSignature({ secret, body: request!.body, timestamp, signature })).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookSignature({ secret, body: request!.body.replace('T-1', 'T-2'), timestamp, signature }),
    ).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verifyWebhookSignature({ secret: 'whsec_other', body: request!.body, timestamp, signature }).ok,
    ).toBe(false);
    // The same request replayed six minutes later is refused.
    expect(
      verifyWebhookSignature({
        secret,
        body: request!.body,
        timestamp,
        signature,
        nowMs: Date.now() + 6 * 60_000,
      }),
    ).toEqual({ ok: false, reason: 'stale' });
    await expect.poll(() => runtime.admin.pendingCount()).toBe(0);
  });

  it('sends each subscription only the events it asked for, and nothing to a paused one', async () => {
    const tickets = await receiver();
    const gaps = await receiver();
    const paused = await receiver();
    const { runtime } = openRuntime(sqliteFile());
    await subscribe(runtime, tickets.url, ['ticket.created', 'ticket.updated']);
    await subscribe(runtime, gaps.url, ['knowledge.gap_found']);
    const off = await subscribe(runtime, paused.url, ['ticket.created', 'knowledge.gap_found']);
    expect((await runtime.admin.update(off.subscription.id, { active: false })).ok).toBe(true);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    runtime.emitter.emit({
      type: 'knowledge.gap_found',
      occurredAt: '2026-12-07T12:00:01.000Z',
      data: { question: 'q' },
    });
    runtime.emitter.emit({ type: 'conversation.closed', occurredAt: '2026-12-07T12:00:02.000Z', data: {} });
    await tickets.waitFor(1);
    await gaps.waitFor(1);
    await runtime.emitter.flush();
    await expect.poll(() => runtime.admin.pendingCount()).toBe(0);
    expect(tickets.received.map((request) => parsed(request.body).type)).toEqual(['ticket.created']);
    expect(gaps.received.map((request) => parsed(request.body).type)).toEqual(['knowledge.gap_found']);
    expect(paused.received).toEqual([]);
  });

  it('retries a receiver that fails twice with growing, jittered delays, keeping the event id', async () => {
    const hooks = await receiver((index) => (index < 2 ? { status: 503 } : { status: 200 }));
    const { runtime } = openRuntime(sqliteFile());
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    const requests = await hooks.waitFor(3);
    await expect.poll(() => runtime.admin.pendingCount()).toBe(0);
    expect(new Set(requests.map((request) => request.headers['livedesk-webhook-id'])).size).toBe(1);
    const firstGap = requests[1]!.atMs - requests[0]!.atMs;
    const secondGap = requests[2]!.atMs - requests[1]!.atMs;
    // Base 80 ms: the first retry waits 40-80 ms, the second 80-160 ms.
    expect(firstGap).toBeGreaterThanOrEqual(38);
    expect(secondGap).toBeGreaterThanOrEqual(78);
    expect(await runtime.admin.deadLetters(10)).toEqual([]);
  });

  it("honours a 429's Retry-After", async () => {
    const hooks = await receiver((index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    const { runtime } = openRuntime(sqliteFile());
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    const requests = await hooks.waitFor(2);
    expect(requests[1]!.atMs - requests[0]!.atMs).toBeGreaterThanOrEqual(990);
  });

  it('gives up on an attempt at the timeout and retries it', async () => {
    const hooks = await receiver((index) => (index === 0 ? { hold: true } : { status: 204 }));
    const { runtime } = openRuntime(sqliteFile(), { timeoutMs: 200 });
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    const emittedAtMs = Date.now();
    runtime.emitter.emit(ticketCreated('T-1'));
    const requests = await hooks.waitFor(2);
    expect(requests[1]!.atMs - emittedAtMs).toBeGreaterThanOrEqual(200);
    await expect.poll(() => runtime.admin.pendingCount()).toBe(0);
  });

  it('records the timeout as the last error of a receiver that never answers', async () => {
    const hooks = await receiver(() => ({ hold: true }));
    const { runtime } = openRuntime(sqliteFile(), { timeoutMs: 150, maxAttempts: 1 });
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    await expect.poll(() => runtime.admin.deadLetters(10)).toHaveLength(1);
    expect((await runtime.admin.deadLetters(10))[0]).toMatchObject({
      attempts: 1,
      lastError: 'timed out after 150 ms',
    });
  });

  it('keeps a dead letter with the last error after the last attempt; "retry now" then delivers it', async () => {
    let healthy = false;
    const hooks = await receiver(() => (healthy ? { status: 200 } : { status: 500 }));
    const { runtime } = openRuntime(sqliteFile(), { maxAttempts: 3 });
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    await expect.poll(() => runtime.admin.deadLetters(10), { timeout: 5_000 }).toHaveLength(1);
    const [dead] = await runtime.admin.deadLetters(10);
    expect(dead).toMatchObject({ eventType: 'ticket.created', attempts: 3, lastError: 'HTTP 500' });
    expect(hooks.received).toHaveLength(3);
    healthy = true;
    expect(await runtime.admin.retry(dead!.id)).toBe(true);
    await hooks.waitFor(4);
    await expect.poll(() => runtime.admin.pendingCount()).toBe(0);
    expect(await runtime.admin.deadLetters(10)).toEqual([]);
    expect(parsed(hooks.received[3]!.body).data).toEqual({ ticketId: 'T-1' });
  });

  it('does not retry a receiver that refuses (4xx) or redirects: a dead letter at once, and discard drops it', async () => {
    const hooks = await receiver((index) =>
      index === 0 ? { status: 410 } : { status: 302, headers: { location: 'http://169.254.169.254/' } },
    );
    const { runtime } = openRuntime(sqliteFile());
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    runtime.emitter.emit(ticketCreated('T-2'));
    await expect.poll(() => runtime.admin.deadLetters(10)).toHaveLength(2);
    const errors = (await runtime.admin.deadLetters(10)).map((dead) => dead.lastError).sort();
    expect(errors).toEqual(['HTTP 302 (redirects are not followed)', 'HTTP 410']);
    expect(hooks.received).toHaveLength(2);
    for (const dead of await runtime.admin.deadLetters(10))
      expect(await runtime.admin.discard(dead.id)).toBe(true);
    expect(await runtime.admin.deadLetters(10)).toEqual([]);
  });

  it('keeps at most `concurrency` deliveries in flight', async () => {
    const hooks = await receiver((index) => (index < 2 ? { hold: true } : { status: 200 }));
    const { runtime } = openRuntime(sqliteFile(), { concurrency: 2, timeoutMs: 300 });
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    for (let index = 0; index < 6; index += 1) runtime.emitter.emit(ticketCreated(`T-${index}`));
    await runtime.emitter.flush();
    await expect.poll(() => runtime.admin.pendingCount(), { timeout: 5_000 }).toBe(0);
    expect(hooks.mostOpen).toBe(2);
    expect(hooks.received.length).toBe(8);
  });

  it('never sends an event twice when a delivery ends while a slow outbox read still lists it as due', async () => {
    const hooks = await receiver();
    // Each read takes its snapshot at once and answers 150 ms later, as a busy database does: a delivery
    // can finish in between, and the read still lists it.
    const slowReads = (store: WebhookStore): WebhookStore =>
      Object.assign(Object.create(store) as WebhookStore, {
        due: async (...args: Parameters<WebhookStore['due']>) => {
          const snapshot = await store.due(...args);
          await new Promise((resolve) => setTimeout(resolve, 150));
          return snapshot;
        },
      });
    const { runtime } = openRuntime(sqliteFile(), { concurrency: 4 }, slowReads);
    await subscribe(runtime, hooks.url);
    runtime.dispatcher.start();
    for (let index = 0; index < 8; index += 1) runtime.emitter.emit(ticketCreated(`T-${index}`));
    await runtime.emitter.flush();
    await expect.poll(() => runtime.admin.pendingCount(), { timeout: 10_000 }).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const ids = hooks.received.map((request) => String(request.headers['livedesk-webhook-id']));
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });

  it('delivers after a restart what was accepted before it (same SQLite file)', async () => {
    const hooks = await receiver();
    const file = sqliteFile();
    const first = openRuntime(file);
    await subscribe(first.runtime, hooks.url);
    // Not started: this process never delivers (it stops as if killed after accepting the events).
    first.runtime.emitter.emit(ticketCreated('T-1'));
    first.runtime.emitter.emit(ticketCreated('T-2'));
    await first.runtime.emitter.flush();
    await first.runtime.close();
    first.database.close();
    expect(hooks.received).toEqual([]);

    const second = openRuntime(file);
    expect(await second.runtime.admin.pendingCount()).toBe(2);
    second.runtime.dispatcher.start();
    const requests = await hooks.waitFor(2);
    expect(
      requests.map((request) => (parsed(request.body).data as { ticketId: string }).ticketId).sort(),
    ).toEqual(['T-1', 'T-2']);
    await expect.poll(() => second.runtime.admin.pendingCount()).toBe(0);
  });
});

describe('webhook subscriptions', () => {
  it('refuses loopback and private receivers unless private addresses are allowed, and non-http URLs', async () => {
    const { runtime } = openRuntime(sqliteFile(), { allowPrivate: false });
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://localhost/x',
      'http://10.1.2.3/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:192.168.0.1]/x',
      'ftp://hooks.example.com/x',
      'https://user:pass@hooks.example.com/x',
    ]) {
      const created = await runtime.admin.create(
        { url, events: ['ticket.created'], active: true, description: '' },
        'admin',
      );
      expect(created.ok, url).toBe(false);
    }
    expect(await runtime.admin.list()).toEqual([]);
  });

  it('shows the secret only on create and rotate, and signs with the new one after a rotation', async () => {
    const hooks = await receiver();
    // No grace period here (webhook-secret-rotation.test.ts covers the grace): the old secret goes at once.
    const { runtime } = openRuntime(sqliteFile(), { secretGraceSeconds: 0 });
    const { subscription, secret } = await subscribe(runtime, hooks.url);
    expect(JSON.stringify(await runtime.admin.list())).not.toContain(secret);
    const rotated = await runtime.admin.rotateSecret(subscription.id);
    if (!rotated.ok) throw new Error(rotated.message);
    expect(rotated.value.secret).not.toBe(secret);
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    const [request] = await hooks.waitFor(1);
    const check = (key: string) =>
      verifyWebhookSignature({
        secret: key,
        body: request!.body,
        timestamp: String(request!.headers['livedesk-timestamp']),
        signature: String(request!.headers['livedesk-signature']),
      }).ok;
    expect(check(rotated.value.secret)).toBe(true);
    expect(check(secret)).toBe(false);
  });
});
