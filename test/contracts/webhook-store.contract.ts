import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewWebhookDelivery } from '../../server/webhooks/webhook-delivery.js';
import type { WebhookStore } from '../../server/webhooks/webhook-store.js';
import type { StoredWebhookSubscription } from '../../server/webhooks/webhook-subscription.js';

export interface WebhookStoreHarness {
  store: WebhookStore;
  /** Another store on the same storage, as a restarted process would open it. */
  openAnother(): Promise<WebhookStore>;
  cleanup(): Promise<void>;
}

const subscription = (
  id: string,
  overrides: Partial<StoredWebhookSubscription> = {},
): StoredWebhookSubscription => ({
  id,
  url: 'https://hooks.example.com/livedesk',
  events: ['conversation.escalated', 'ticket.created'],
  active: true,
  description: 'platform',
  secret: 'whsec_first',
  createdAt: '2026-12-07T10:00:00.000Z',
  createdBy: 'admin',
  updatedAt: '2026-12-07T10:00:00.000Z',
  ...overrides,
});

const delivery = (id: string, subscriptionId: string, nextAttemptAtMs: number): NewWebhookDelivery => ({
  id,
  subscriptionId,
  eventId: `evt_${id}`,
  eventType: 'ticket.created',
  body: JSON.stringify({
    id: `evt_${id}`,
    type: 'ticket.created',
    occurredAt: 'x',
    data: { ticketId: 'T-1' },
  }),
  nextAttemptAtMs,
  createdAt: '2026-12-07T10:00:01.000Z',
});

/** What every WebhookStore promises, for each adapter. */
export function runWebhookStoreContract(
  name: string,
  createHarness: () => Promise<WebhookStoreHarness>,
): void {
  describe(`WebhookStore contract: ${name}`, () => {
    let harness: WebhookStoreHarness;
    let store: WebhookStore;
    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps subscriptions with their secret, oldest first, and refuses a taken id', async () => {
      await store.createSubscription(subscription('wh_bbbbbbbb', { createdAt: '2026-12-07T11:00:00.000Z' }));
      await store.createSubscription(subscription('wh_aaaaaaaa'));
      await expect(store.createSubscription(subscription('wh_aaaaaaaa'))).rejects.toMatchObject({
        code: 'conflict',
      });
      const listed = await store.listSubscriptions();
      expect(listed.map((found) => found.id)).toEqual(['wh_aaaaaaaa', 'wh_bbbbbbbb']);
      expect(listed[0]).toEqual(subscription('wh_aaaaaaaa'));
    });

    it('changes only the fields given and rotates the secret', async () => {
      await store.createSubscription(subscription('wh_aaaaaaaa'));
      const changed = await store.updateSubscription(
        'wh_aaaaaaaa',
        { active: false, events: ['knowledge.gap_found'], secret: 'whsec_second' },
        '2026-12-07T12:00:00.000Z',
      );
      expect(changed).toMatchObject({
        active: false,
        events: ['knowledge.gap_found'],
        secret: 'whsec_second',
        url: 'https://hooks.example.com/livedesk',
        updatedAt: '2026-12-07T12:00:00.000Z',
      });
      expect(await (await harness.openAnother()).getSubscription('wh_aaaaaaaa')).toEqual(changed);
      expect(await store.updateSubscription('wh_missing00', { active: true }, 'x')).toBeUndefined();
    });

    it('rotates a secret, keeping the one replaced until its grace ends, and drops it after', async () => {
      await store.createSubscription(subscription('wh_aaaaaaaa'));
      await store.createSubscription(subscription('wh_bbbbbbbb'));
      const rotated = await store.rotateSecret('wh_aaaaaaaa', {
        secret: 'whsec_second',
        previousExpiresAt: '2026-12-08T12:00:00.000Z',
        updatedAt: '2026-12-07T12:00:00.000Z',
      });
      expect(rotated).toMatchObject({
        secret: 'whsec_second',
        previousSecret: { secret: 'whsec_first', expiresAt: '2026-12-08T12:00:00.000Z' },
        updatedAt: '2026-12-07T12:00:00.000Z',
      });
      const reopened = await harness.openAnother();
      expect(await reopened.getSubscription('wh_aaaaaaaa')).toEqual(rotated);
      // A second rotation within the grace: the secret it replaces is the previous one now, the first is gone.
      expect(
        await store.rotateSecret('wh_aaaaaaaa', {
          secret: 'whsec_third',
          previousExpiresAt: '2026-12-08T13:00:00.000Z',
          updatedAt: '2026-12-07T13:00:00.000Z',
        }),
      ).toMatchObject({ secret: 'whsec_third', previousSecret: { secret: 'whsec_second' } });
      // No grace: the old secret goes at once.
      const abrupt = await store.rotateSecret('wh_bbbbbbbb', {
        secret: 'whsec_b2',
        previousExpiresAt: null,
        updatedAt: '2026-12-07T13:00:00.000Z',
      });
      expect(abrupt?.previousSecret).toBeUndefined();
      expect(
        await store.rotateSecret('wh_missing00', { secret: 'x', previousExpiresAt: null, updatedAt: 'x' }),
      ).toBeUndefined();

      expect(await store.dropExpiredSecrets('2026-12-08T12:59:59.000Z')).toBe(0);
      expect((await store.getSubscription('wh_aaaaaaaa'))?.previousSecret).toBeDefined();
      expect(await store.dropExpiredSecrets('2026-12-08T13:00:00.000Z')).toBe(1);
      const dropped = await store.getSubscription('wh_aaaaaaaa');
      expect(dropped?.secret).toBe('whsec_third');
      expect(dropped?.previousSecret).toBeUndefined();
    });

    it('prunes dead letters by age, then keeps the newest per subscription, never pending ones', async () => {
      await store.createSubscription(subscription('wh_aaaaaaaa'));
      await store.createSubscription(subscription('wh_bbbbbbbb'));
      const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
      await store.enqueue([
        ...ids.map((id) => delivery(id, 'wh_aaaaaaaa', 1000)),
        delivery('b1', 'wh_bbbbbbbb', 1000),
        delivery('b2', 'wh_bbbbbbbb', 1000),
        delivery('p1', 'wh_aaaaaaaa', 1000),
      ]);
      // a1 failed in October, the others in December, a5 last.
      const failedAt = (day: number) => `2026-${day < 0 ? '10-01' : `12-0${day}`}T10:00:00.000Z`;
      await store.bury('a1', { attempts: 8, lastError: 'HTTP 500', at: failedAt(-1) });
      for (const [index, id] of ['a2', 'a3', 'a4', 'a5'].entries())
        await store.bury(id, { attempts: 8, lastError: 'HTTP 500', at: failedAt(index + 1) });
      await store.bury('b1', { attempts: 8, lastError: 'HTTP 500', at: failedAt(1) });
      await store.bury('b2', { attempts: 8, lastError: 'HTTP 500', at: failedAt(2) });

      const pruned = await store.pruneDeadLetters({
        failedBefore: '2026-11-07T10:00:00.000Z',
        keepPerSubscription: 2,
      });
      expect(pruned).toBe(3); // a1 by age, a2 and a3 by count
      const left = (await store.deadLetters({ limit: 100 })).map((found) => found.id).sort();
      expect(left).toEqual(['a4', 'a5', 'b1', 'b2']);
      expect(await store.pendingCount()).toBe(1);
      expect(
        await store.pruneDeadLetters({ failedBefore: '2026-11-07T10:00:00.000Z', keepPerSubscription: 2 }),
      ).toBe(0);
    });

    it('hands out due deliveries soonest first and keeps them across a reopen', async () => {
      await store.createSubscription(subscription('wh_aaaaaaaa'));
      await store.enqueue([delivery('d2', 'wh_aaaaaaaa', 2000), delivery('d1', 'wh_aaaaaaaa', 1000)]);
      await store.enqueue([delivery('d3', 'wh_aaaaaaaa', 9000)]);
      expect((await store.due(5000, 10)).map((found) => found.id)).toEqual(['d1', 'd2']);
      expect((await store.due(5000, 1)).map((found) => found.id)).toEqual(['d1']);
      expect(await store.nextDueAtMs(0)).toBe(1000);
      expect(await store.nextDueAtMs(1000)).toBe(2000);
      expect(await store.nextDueAtMs(9000)).toBeUndefined();
      const reopened = await harness.openAnother();
      const [first] = await reopened.due(1000, 10);
      expect(first).toMatchObject({
        id: 'd1',
        eventId: 'evt_d1',
        eventType: 'ticket.created',
        status: 'pending',
        attempts: 0,
        lastError: null,
      });
      expect(JSON.parse(first!.body)).toMatchObject({ data: { ticketId: 'T-1' } });
      expect(await reopened.pendingCount()).toBe(3);
    });

    it('reschedules, buries, revives and discards', async () => {
      await store.createSubscription(subscription('wh_aaaaaaaa'));
      await store.enqueue([delivery('d1', 'wh_aaaaaaaa', 1000), delivery('d2', 'wh_aaaaaaaa', 1000)]);
      await store.reschedule('d1', { attempts: 1, nextAttemptAtMs: 4000, lastError: 'HTTP 503', at: 'a1' });
      expect((await store.due(3000, 10)).map((found) => found.id)).toEqual(['d2']);
      await store.complete('d2');
      await store.bury('d1', { attempts: 2, lastError: 'HTTP 500', at: 'a2' });
      expect(await store.due(10_000, 10)).toEqual([]);
      expect(await store.nextDueAtMs(0)).toBeUndefined();
      const [dead] = await store.deadLetters({ limit: 10 });
      expect(dead).toMatchObject({ id: 'd1', status: 'dead', attempts: 2, lastError: 'HTTP 500' });
      expect(await store.revive('d1', 20_000, 'a3')).toBe(true);
      expect(await store.revive('d1', 20_000, 'a3')).toBe(false);
      expect(await store.due(20_000, 10)).toMatchObject([{ id: 'd1', attempts: 0, status: 'pending' }]);
      await store.bury('d1', { attempts: 1, lastError: 'HTTP 410', at: 'a4' });
      expect(await store.discard('d1')).toBe(true);
      expect(await store.discard('d1')).toBe(false);
      expect(await store.deadLetters({ limit: 10 })).toEqual([]);
    });

    it('drops what is owed to a deleted subscription', async () => {
      await store.createSubscription(subscription('wh_aaaaaaaa'));
      await store.enqueue([delivery('d1', 'wh_aaaaaaaa', 1000)]);
      expect(await store.deleteSubscription('wh_aaaaaaaa')).toBe(true);
      expect(await store.deleteSubscription('wh_aaaaaaaa')).toBe(false);
      expect(await store.pendingCount()).toBe(0);
      await expect(store.enqueue([delivery('d2', 'wh_aaaaaaaa', 1000)])).rejects.toThrow();
    });
  });
}
