import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispute } from '../../engine/disputes/dispute.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';

export interface DisputeStoreHarness {
  store: DisputeStore;
  /** Another store on the same storage, as a restarted process or a second node would open it. */
  openAnother(): Promise<DisputeStore>;
  cleanup(): Promise<void>;
}

const dispute = (id: string, overrides: Partial<Dispute> = {}): Dispute => ({
  id,
  conversationId: 'c-1',
  viewerId: 'v-1',
  formId: `form-${id}`,
  clientId: `client-${id}`,
  kind: 'gift-refund',
  currency: 'CNY',
  facts: { text: { gift: '嘉年华', note: '送错了' }, occurredAt: '2026-12-07T10:00:00.000Z', amount: 520.5 },
  decision: { handling: 'person', reasons: ['over-limit'], department: 'finance', priority: 'normal' },
  ticketId: null,
  status: 'open',
  createdAt: '2026-12-07T10:05:00.000Z',
  updatedAt: '2026-12-07T10:05:00.000Z',
  ...overrides,
});

/** What every dispute store does, on SQLite and PostgreSQL alike. */
export function runDisputeStoreContract(
  name: string,
  createHarness: () => Promise<DisputeStoreHarness>,
): void {
  describe(`dispute store contract: ${name}`, () => {
    let harness: DisputeStoreHarness;
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps a dispute with its facts and decision as given', async () => {
      expect(await harness.store.insert(dispute('d-1'))).toEqual({ inserted: true });
      expect(await harness.store.get('d-1')).toEqual(dispute('d-1'));
      expect(await harness.store.get('d-missing')).toBeUndefined();
    });

    it('stores a form once: a second submission of it returns the first and changes nothing', async () => {
      await harness.store.insert(dispute('d-1'));
      const again = await harness.store.insert(dispute('d-2', { formId: 'form-d-1', clientId: 'other' }));
      expect(again).toEqual({ inserted: false, existing: dispute('d-1') });
      expect(await harness.store.get('d-2')).toBeUndefined();
    });

    it('settles two stores submitting one form at once: exactly one is inserted', async () => {
      const other = await harness.openAnother();
      const results = await Promise.all([
        harness.store.insert(dispute('d-a', { formId: 'form-x' })),
        other.insert(dispute('d-b', { formId: 'form-x' })),
      ]);
      expect(results.filter((result) => result.inserted)).toHaveLength(1);
      const loser = results.find((result) => !result.inserted);
      expect(loser && !loser.inserted ? loser.existing.formId : undefined).toBe('form-x');
    });

    it('links the ticket and follows its status, findable by ticket from another store', async () => {
      await harness.store.insert(dispute('d-1'));
      expect(await harness.store.setTicket('d-1', 'T-7', '2026-12-07T10:06:00.000Z')).toBe(true);
      expect(await harness.store.setStatus('d-1', 'pending', '2026-12-07T11:00:00.000Z')).toBe(true);
      expect(await harness.store.setStatus('d-none', 'pending', '2026-12-07T11:00:00.000Z')).toBe(false);
      const other = await harness.openAnother();
      expect(await other.findByTicket('T-7')).toEqual(
        dispute('d-1', { ticketId: 'T-7', status: 'pending', updatedAt: '2026-12-07T11:00:00.000Z' }),
      );
      expect(await other.findByTicket('T-8')).toBeUndefined();
    });

    it("lists one conversation's disputes oldest first", async () => {
      await harness.store.insert(dispute('d-2', { createdAt: '2026-12-07T12:00:00.000Z' }));
      await harness.store.insert(dispute('d-1', { createdAt: '2026-12-07T11:00:00.000Z' }));
      await harness.store.insert(dispute('d-3', { conversationId: 'c-2' }));
      const listed = await harness.store.listByConversation('c-1');
      expect(listed.map((item) => item.id)).toEqual(['d-1', 'd-2']);
      expect(await harness.store.listByConversation('c-none')).toEqual([]);
    });
  });
}
