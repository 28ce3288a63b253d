import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteWebhookStore } from '../../adapters/sqlite/webhook-store.js';
import { startWebhookReceiver, type ReceiverReply } from '../../test/support/webhook-receiver.js';
import { createWebhookRuntime, type WebhookRuntime } from './create-webhook-runtime.js';
import { verifyWebhookSignature } from './verify-webhook-signature.js';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A runtime on a fresh SQLite file, on a clock the test can move ahead. */
function openRuntime(settings: Partial<WebhookSettings>): {
  runtime: WebhookRuntime;
  advance: (ms: number) => void;
} {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-webhook-rotation-'));
  const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  let offsetMs = 0;
  const runtime = createWebhookRuntime({
    store: createSqliteWebhookStore({ database }),
    settings: {
      ...DEFAULT_WEBHOOK_SETTINGS,
      allowPrivate: true,
      timeoutMs: 2_000,
      retryBaseMs: 50,
      pollIntervalMs: 25,
      ...settings,
    },
    clock: () => new Date(Date.now() + offsetMs),
  });
  cleanups.push(async () => {
    await runtime.close();
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });
  return { runtime, advance: (ms) => (offsetMs += ms) };
}

async function receiver(reply?: (index: number) => ReceiverReply) {
  const started = await startWebhookReceiver(reply);
  cleanups.push(() => started.close());
  return started;
}

const ticketCreated = (ticketId: string) => ({
  type: 'ticket.created' as const,
  occurredAt: '2026-12-07T12:00:00.000Z',
  data: { ticketId },
});

describe('rotating a webhook secret with a grace period', () => {
  it('signs with the new and the old secret during the grace, and with the new one alone after it', async () => {
    const hooks = await receiver();
    const { runtime, advance } = openRuntime({ secretGraceSeconds: 600 });
    const created = await runtime.admin.create(
      { url: hooks.url, events: ['ticket.created'], active: true, description: '' },
      'admin',
    );
    if (!created.ok) throw new Error(created.message);
    const oldSecret = created.value.secret;
    const rotated = await runtime.admin.rotateSecret(created.value.subscription.id);
    if (!rotated.ok) throw new Error(rotated.message);
    const newSecret = rotated.value.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.value.subscription.previousSecretExpiresAt).toBeDefined();
    expect(JSON.stringify(await runtime.admin.list())).not.toContain(oldSecret);

    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    const [during] = await hooks.waitFor(1);
    const signature = String(during!.headers['livedesk-signature']);
    const timestamp = String(during!.headers['livedesk-timestamp']);
    expect(signature).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    const nowMs = Number(timestamp) * 1000;
    for (const secret of [newSecret, oldSecret])
      expect(verifyWebhookSignature({ secret, body: during!.body, timestamp, signature, nowMs }).ok).toBe(
        true,
      );

    // Past the grace: only the new secret signs, and the list no longer shows a grace period.
    advance(601_000);
    runtime.emitter.emit(ticketCreated('T-2'));
    const [, after] = await hooks.waitFor(2);
    const lone = String(after!.headers['livedesk-signature']);
    const later = String(after!.headers['livedesk-timestamp']);
    expect(lone).toMatch(/^v1=[0-9a-f]{64}$/);
    const laterMs = Number(later) * 1000;
    expect(
      verifyWebhookSignature({
        secret: newSecret,
        body: after!.body,
        timestamp: later,
        signature: lone,
        nowMs: laterMs,
      }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookSignature({
        secret: oldSecret,
        body: after!.body,
        timestamp: later,
        signature: lone,
        nowMs: laterMs,
      }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    expect((await runtime.admin.list())[0]?.previousSecretExpiresAt).toBeUndefined();
  });

  it('with no grace configured, replaces the secret at once', async () => {
    const hooks = await receiver();
    const { runtime } = openRuntime({ secretGraceSeconds: 0 });
    const created = await runtime.admin.create(
      { url: hooks.url, events: ['ticket.created'], active: true, description: '' },
      'admin',
    );
    if (!created.ok) throw new Error(created.message);
    const rotated = await runtime.admin.rotateSecret(created.value.subscription.id);
    if (!rotated.ok) throw new Error(rotated.message);
    expect(rotated.value.subscription.previousSecretExpiresAt).toBeUndefined();
    runtime.dispatcher.start();
    runtime.emitter.emit(ticketCreated('T-1'));
    const [request] = await hooks.waitFor(1);
    expect(String(request!.headers['livedesk-signature'])).toMatch(/^v1=[0-9a-f]{64}$/);
  });
});

describe('dead letter retention', () => {
  it('is kept by the delivering node: at most N per subscription, the newest kept', async () => {
    // 410 Gone: refused for good, so each delivery becomes a dead letter at its first attempt.
    const gone = await receiver(() => ({ status: 410 }));
    const { runtime } = openRuntime({ deadLettersPerSubscription: 2, maintenanceIntervalMs: 50 });
    const created = await runtime.admin.create(
      { url: gone.url, events: ['ticket.created'], active: true, description: '' },
      'admin',
    );
    if (!created.ok) throw new Error(created.message);
    for (const id of ['T-1', 'T-2', 'T-3', 'T-4', 'T-5']) runtime.emitter.emit(ticketCreated(id));
    // Not delivering: nothing is delivered, so nothing dies nor is pruned.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await runtime.admin.pendingCount()).toBe(5);
    runtime.dispatcher.start();
    await gone.waitFor(5);
    await expect.poll(() => runtime.admin.pendingCount()).toBe(0);
    await expect.poll(async () => (await runtime.admin.deadLetters(100)).length, { timeout: 3_000 }).toBe(2);
  });
});
