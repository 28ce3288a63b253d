import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewDeskLabel } from '../../engine/signals/learning/desk-label.js';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';

export interface SignalLabelStoreHarness {
  store: SignalLabelStore;
  cleanup(): Promise<void>;
}

const label: NewDeskLabel = {
  conversationId: 'c1',
  turnId: 't1',
  text: '我要人工',
  signals: ['human_request'],
  reachedAgentId: 'alice',
  reachedAt: '2026-12-07T10:00:00.000Z',
};

/** What every SignalLabelStore promises: `runSignalLabelStoreContract('sqlite', async () => ({ store, cleanup }))`. */
export function runSignalLabelStoreContract(
  name: string,
  createHarness: () => Promise<SignalLabelStoreHarness>,
): void {
  describe(`SignalLabelStore contract: ${name}`, () => {
    let harness: SignalLabelStoreHarness;
    let store: SignalLabelStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps a label once, and one mark per conversation and agent', async () => {
      expect(await store.latestFor('c1')).toBeUndefined();
      expect(await store.record(label)).toBe(true);
      expect(await store.record({ ...label, reachedAgentId: 'bob' })).toBe(false);
      const mark = {
        conversationId: 'c1',
        turnId: 't1',
        agentId: 'alice',
        note: 'fine',
        at: '2026-12-07T10:01:00.000Z',
      };
      await store.mark(mark);
      // The same mark again keeps its first time.
      await store.mark({ ...mark, at: '2026-12-07T10:05:00.000Z' });
      expect(await store.latestFor('c1')).toEqual({
        ...label,
        marks: [{ agentId: 'alice', note: 'fine', at: mark.at }],
      });
      await store.mark({ ...mark, agentId: 'bob', note: '' });
      expect((await store.list())[0]?.marks.map((each) => each.agentId)).toEqual(['alice', 'bob']);
      expect(await store.unmark('c1', 'alice')).toBe(true);
      expect(await store.unmark('c1', 'alice')).toBe(false);
      expect((await store.latestFor('c1'))?.marks.map((each) => each.agentId)).toEqual(['bob']);
    });

    it('times a mark anew when its note changes', async () => {
      await store.record(label);
      const mark = {
        conversationId: 'c1',
        turnId: 't1',
        agentId: 'alice',
        note: 'fine',
        at: '2026-12-07T10:01:00.000Z',
      };
      await store.mark(mark);
      await store.mark({ ...mark, note: 'not urgent', at: '2026-12-07T10:09:00.000Z' });
      expect((await store.latestFor('c1'))?.marks).toEqual([
        { agentId: 'alice', note: 'not urgent', at: '2026-12-07T10:09:00.000Z' },
      ]);
    });

    it('refuses a mark on a label that does not exist', async () => {
      await expect(
        store.mark({ conversationId: 'nope', turnId: 't', agentId: 'a', note: '', at: label.reachedAt }),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.list()).toEqual([]);
    });

    it('gives the newest label of a conversation with its own marks, and lists every label oldest first', async () => {
      await store.record({ ...label, turnId: 't2', reachedAt: '2026-12-07T10:30:00.000Z' });
      await store.record(label);
      await store.record({ ...label, conversationId: 'c0', reachedAt: '2026-12-07T10:00:00.000Z' });
      await store.record({ ...label, conversationId: 'c2', signals: ['anger', 'human_request'] });
      await store.mark({
        conversationId: 'c1',
        turnId: 't1',
        agentId: 'bob',
        note: 'old',
        at: '2026-12-07T10:40:00.000Z',
      });
      expect(await store.latestFor('c1')).toMatchObject({ turnId: 't2', marks: [] });
      // Marks belong to one label: moving the mark to the newer label moves it off the older one.
      await store.mark({
        conversationId: 'c1',
        turnId: 't2',
        agentId: 'bob',
        note: 'old',
        at: '2026-12-07T10:41:00.000Z',
      });
      expect((await store.latestFor('c1'))?.marks).toEqual([
        { agentId: 'bob', note: 'old', at: '2026-12-07T10:41:00.000Z' },
      ]);
      const listed = await store.list();
      expect(listed.map((each) => [each.conversationId, each.turnId, each.marks.length])).toEqual([
        ['c0', 't1', 0],
        ['c1', 't1', 0],
        ['c2', 't1', 0],
        ['c1', 't2', 1],
      ]);
      expect(listed[2]?.signals).toEqual(['anger', 'human_request']);
    });

    it('takes the label recorded last when two reached an agent at the same instant', async () => {
      await store.record({ ...label, turnId: 't-b' });
      await store.record({ ...label, turnId: 't-a' });
      expect((await store.latestFor('c1'))?.turnId).toBe('t-a');
    });
  });
}
