import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhrasingProposalStore, ProposalInput } from '../../server/analytics/phrasing-proposals.js';

export interface PhrasingProposalStoreHarness {
  /** The store of knowledge base `default`. */
  store: PhrasingProposalStore;
  /** A store of another knowledge base on the same storage; the harness closes what it opened in `cleanup`. */
  openAnother(knowledgeBaseId: string): PhrasingProposalStore | Promise<PhrasingProposalStore>;
  cleanup(): void | Promise<void>;
}

const proposal = (overrides: Partial<ProposalInput> = {}): ProposalInput => ({
  entryId: 'coins.top-up',
  question: 'how do i buy coins??',
  questionKey: 'how do i buy coins',
  locale: 'en',
  conversationId: 'c-1',
  agentId: 'agent-1',
  at: '2026-06-01T10:00:00.000Z',
  ...overrides,
});

/**
 * What every PhrasingProposalStore promises (SQLite, PostgreSQL):
 * `runPhrasingProposalStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runPhrasingProposalStoreContract(
  name: string,
  createHarness: () => PhrasingProposalStoreHarness | Promise<PhrasingProposalStoreHarness>,
): void {
  describe(`PhrasingProposalStore contract: ${name}`, () => {
    let harness: PhrasingProposalStoreHarness;
    let store: PhrasingProposalStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('counts a wording seen again while pending, never proposes it again once decided, and keeps its watermark', async () => {
      expect(await store.watermark()).toBe(0);
      expect(await store.record([proposal()], { eventId: 10, at: '2026-06-01T10:00:01.000Z' })).toBe(1);
      expect(
        await store.record([proposal({ question: 'How do I buy coins', conversationId: 'c-2' })], {
          eventId: 20,
          at: 'x',
        }),
      ).toBe(0);
      expect(await store.watermark()).toBe(20);
      const [pending] = (await store.list({ status: 'pending', limit: 10, offset: 0 })).proposals;
      expect(pending).toMatchObject({
        seen: 2,
        question: 'how do i buy coins??',
        firstConversationId: 'c-1',
        lastConversationId: 'c-2',
      });

      const rejected = await store.decide(pending!.id, {
        status: 'rejected',
        by: 'editor',
        at: '2026-06-01T11:00:00.000Z',
      });
      expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'editor', versionId: null });
      const again = store.decide(pending!.id, { status: 'approved', by: 'editor', at: 'x' });
      await expect(again).rejects.toMatchObject({ code: 'conflict' });
      await expect(again).rejects.toThrow(/already rejected/);
      expect(await store.record([proposal({ conversationId: 'c-3' })], { eventId: 30, at: 'x' })).toBe(0);
      expect(await store.get(pending!.id)).toMatchObject({ status: 'rejected', seen: 2 });
    });

    it('keeps every field of a proposal and of its approval', async () => {
      await store.record([proposal({ locale: undefined })], { eventId: 5, at: 'x' });
      const [made] = (await store.list({ limit: 10, offset: 0 })).proposals;
      expect(Number.isInteger(made?.id)).toBe(true);
      expect(made).toEqual({
        id: made?.id,
        entryId: 'coins.top-up',
        question: 'how do i buy coins??',
        locale: null,
        status: 'pending',
        seen: 1,
        firstConversationId: 'c-1',
        lastConversationId: 'c-1',
        agentId: 'agent-1',
        createdAt: '2026-06-01T10:00:00.000Z',
        updatedAt: '2026-06-01T10:00:00.000Z',
        decidedBy: null,
        decidedAt: null,
        versionId: null,
      });
      expect(await store.get(made!.id)).toEqual(made);
      const approved = await store.decide(made!.id, {
        status: 'approved',
        by: 'editor',
        at: '2026-06-02T09:00:00.000Z',
        versionId: 42,
      });
      expect(approved).toEqual({
        ...made,
        status: 'approved',
        decidedBy: 'editor',
        decidedAt: '2026-06-02T09:00:00.000Z',
        updatedAt: '2026-06-02T09:00:00.000Z',
        versionId: 42,
      });
      expect(await store.get(made!.id)).toEqual(approved);
    });

    it('counts a wording twice in one scan as one new proposal seen twice', async () => {
      expect(
        await store.record(
          [proposal(), proposal({ conversationId: 'c-2' }), proposal({ entryId: 'coins.refund' })],
          {
            eventId: 7,
            at: 'x',
          },
        ),
      ).toBe(2);
      const { proposals, total } = await store.list({ limit: 10, offset: 0 });
      expect(total).toBe(2);
      expect(proposals.map((each) => [each.entryId, each.seen])).toEqual([
        ['coins.top-up', 2],
        ['coins.refund', 1],
      ]);
    });

    it('lists by status and entry, most seen first, a page at a time, with the total', async () => {
      await store.record(
        [
          proposal({ entryId: 'a', questionKey: 'one' }),
          proposal({ entryId: 'b', questionKey: 'two' }),
          proposal({ entryId: 'b', questionKey: 'two', conversationId: 'c-2' }),
          proposal({ entryId: 'b', questionKey: 'three' }),
          proposal({ entryId: 'c', questionKey: 'four' }),
        ],
        { eventId: 9, at: 'x' },
      );
      const all = await store.list({ limit: 10, offset: 0 });
      expect(all.total).toBe(4);
      expect(all.proposals.map((each) => `${each.entryId}:${each.seen}`)).toEqual([
        'b:2',
        'a:1',
        'b:1',
        'c:1',
      ]);
      const page = await store.list({ limit: 2, offset: 1 });
      expect(page.total).toBe(4);
      expect(page.proposals.map((each) => each.id)).toEqual(all.proposals.slice(1, 3).map((each) => each.id));
      const ofB = await store.list({ entryId: 'b', limit: 10, offset: 0 });
      expect(ofB.total).toBe(2);
      expect(ofB.proposals.every((each) => each.entryId === 'b')).toBe(true);
      await store.decide(all.proposals[3]!.id, { status: 'rejected', by: 'editor', at: 'x' });
      expect((await store.list({ status: 'pending', limit: 10, offset: 0 })).total).toBe(3);
      expect((await store.list({ status: 'rejected', limit: 10, offset: 0 })).proposals).toMatchObject([
        { entryId: 'c', status: 'rejected' },
      ]);
      expect(await store.list({ status: 'approved', entryId: 'b', limit: 10, offset: 0 })).toEqual({
        proposals: [],
        total: 0,
      });
    });

    it('advances the watermark even when a scan finds nothing', async () => {
      expect(await store.record([], { eventId: 120, at: 'x' })).toBe(0);
      expect(await store.watermark()).toBe(120);
      expect((await store.list({ limit: 10, offset: 0 })).total).toBe(0);
    });

    it('answers not_found for a proposal that does not exist', async () => {
      expect(await store.get(999)).toBeUndefined();
      const missing = store.decide(999, { status: 'rejected', by: 'editor', at: 'x' });
      await expect(missing).rejects.toMatchObject({ code: 'not_found' });
      await expect(missing).rejects.toThrow(/no phrasing proposal/);
    });

    it('keeps knowledge bases apart: proposals, decisions and watermarks', async () => {
      await store.record([proposal()], { eventId: 10, at: 'x' });
      const [made] = (await store.list({ limit: 10, offset: 0 })).proposals;
      const other = await harness.openAnother('other');
      expect((await other.list({ limit: 10, offset: 0 })).total).toBe(0);
      expect(await other.watermark()).toBe(0);
      expect(await other.get(made!.id)).toBeUndefined();
      await expect(
        other.decide(made!.id, { status: 'rejected', by: 'editor', at: 'x' }),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
      // The same wording for the same entry is a proposal of its own in another knowledge base.
      expect(await other.record([proposal()], { eventId: 3, at: 'x' })).toBe(1);
      expect(await store.watermark()).toBe(10);
      expect((await store.get(made!.id))?.seen).toBe(1);
    });
  });
}
