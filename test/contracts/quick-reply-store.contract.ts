import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuickReply } from '../../engine/desk/quick-reply.js';
import type { QuickReplyStore } from '../../engine/desk/quick-reply-store.js';

/** The port plus the demo seeding every adapter offers the server. */
export interface SeedableQuickReplyStore extends QuickReplyStore {
  seedDemo(replies: readonly QuickReply[], at: string): Promise<number>;
}

export interface QuickReplyStoreHarness {
  store: SeedableQuickReplyStore;
  /**
   * Another store on the same storage, as a restarted process or a second node would open it. The harness
   * closes what it opened in `cleanup`.
   */
  openAnother(): Promise<SeedableQuickReplyStore>;
  cleanup(): Promise<void>;
}

const at = '2026-06-01T00:00:00.000Z';
const reply = (id: string, shortcut: string, overrides: Partial<QuickReply> = {}): QuickReply => ({
  id,
  shortcut,
  locale: 'en',
  team: null,
  title: shortcut,
  text: `text of ${shortcut}`,
  updatedAt: at,
  updatedBy: 'editor',
  ...overrides,
});

/**
 * What every QuickReplyStore promises, for each adapter:
 * `runQuickReplyStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runQuickReplyStoreContract(
  name: string,
  createHarness: () => Promise<QuickReplyStoreHarness>,
): void {
  describe(`QuickReplyStore contract: ${name}`, () => {
    const harnesses: QuickReplyStoreHarness[] = [];
    let harness: QuickReplyStoreHarness;
    let store: SeedableQuickReplyStore;
    /** A store on storage of its own, closed with the test's. */
    const freshStore = async () => {
      const fresh = await createHarness();
      harnesses.push(fresh);
      return fresh.store;
    };

    beforeEach(async () => {
      harness = await createHarness();
      harnesses.push(harness);
      store = harness.store;
    });

    afterEach(async () => {
      for (const opened of harnesses.splice(0)) await opened.cleanup();
    });

    it('stores, replaces, filters and removes replies, and another store sees them', async () => {
      await store.put(reply('a', '/hi'));
      await store.put(reply('b', '/hi', { locale: 'zh', text: '你好' }));
      await store.put(reply('a', '/hello'));
      await store.put(reply('c', '/refund', { team: 'finance', title: 'Refund policy' }));

      const other = await harness.openAnother();
      expect((await other.list()).map((stored) => [stored.id, stored.shortcut])).toEqual([
        ['a', '/hello'],
        ['b', '/hi'],
        ['c', '/refund'],
      ]);
      expect(await other.get('b')).toEqual(reply('b', '/hi', { locale: 'zh', text: '你好' }));
      expect((await other.list({ locale: 'zh-CN' })).map((stored) => stored.id)).toEqual(['b']);
      expect((await other.list({ team: 'tech' })).map((stored) => stored.id)).toEqual(['a', 'b']);
      expect((await other.list({ team: 'finance', text: 'POLICY' })).map((stored) => stored.id)).toEqual([
        'c',
      ]);
      expect(await other.remove('b')).toBe(true);
      expect(await other.remove('b')).toBe(false);
      expect(await store.get('b')).toBeUndefined();
    });

    it('refuses a second reply with the same shortcut, locale and team scope', async () => {
      await store.put(reply('a', '/hi'));
      await expect(store.put(reply('b', '/hi'))).rejects.toMatchObject({ code: 'conflict' });
      await store.put(reply('c', '/hi', { team: 'finance' }));
      await expect(store.put(reply('d', '/hi', { team: 'finance' }))).rejects.toMatchObject({
        code: 'conflict',
      });
      await store.put(reply('e', '/hi', { locale: 'zh' }));
      await expect(store.put(reply('a', '/hi', { team: 'finance' }))).rejects.toMatchObject({
        code: 'conflict',
      });
      expect((await store.list()).map((stored) => stored.id)).toEqual(['a', 'c', 'e']);
      expect(await store.get('a')).toEqual(reply('a', '/hi'));
    });

    it('refuses a reply that does not parse and writes nothing', async () => {
      await expect(store.put(reply('a', 'no slash'))).rejects.toThrow();
      expect(await store.list()).toEqual([]);
    });

    it('seeds the demo set once in the life of the storage, never over what staff wrote or deleted', async () => {
      expect(await store.seedDemo([reply('demo', '/hi'), reply('demo-2', '/bye')], at)).toBe(2);
      await store.remove('demo');
      expect(await store.seedDemo([reply('demo', '/hi')], at)).toBe(0);
      expect(await (await harness.openAnother()).seedDemo([reply('demo', '/hi')], at)).toBe(0);
      expect((await store.list()).map((stored) => stored.id)).toEqual(['demo-2']);

      const written = await freshStore();
      await written.put(reply('mine', '/mine'));
      expect(await written.seedDemo([reply('demo', '/hi')], at)).toBe(0);
      expect((await written.list()).map((stored) => stored.id)).toEqual(['mine']);
    });

    it('seeds once when two stores seed at once', async () => {
      const other = await harness.openAnother();
      const written = await Promise.all([
        store.seedDemo([reply('demo', '/hi')], at),
        other.seedDemo([reply('demo', '/hi')], at),
      ]);
      expect(written.sort()).toEqual([0, 1]);
      expect((await store.list()).map((stored) => stored.id)).toEqual(['demo']);
    });

    it('lists the most used replies first, then by shortcut, and counts uses only of replies that exist', async () => {
      await store.put(reply('bye', '/bye'));
      await store.put(reply('hi', '/hi'));
      await store.put(reply('wait', '/wait'));
      await store.put(reply('Wait', '/Wait'));
      expect((await store.list()).map((stored) => stored.shortcut)).toEqual([
        '/Wait',
        '/bye',
        '/hi',
        '/wait',
      ]);
      expect(await store.recordUse('hi', at)).toBe(true);
      expect(await store.recordUse('hi', at)).toBe(true);
      expect(await store.recordUse('wait', at)).toBe(true);
      expect(await store.recordUse('gone', at)).toBe(false);

      const other = await harness.openAnother();
      expect((await other.list()).map((stored) => [stored.shortcut, stored.uses])).toEqual([
        ['/hi', 2],
        ['/wait', 1],
        ['/Wait', 0],
        ['/bye', 0],
      ]);
      await other.put(reply('wait', '/wait', { title: 'Please wait' }));
      expect((await other.list()).find((stored) => stored.id === 'wait')?.uses).toBe(1);
      await other.remove('hi');
      await other.put(reply('hi', '/hi'));
      expect((await other.list()).find((stored) => stored.id === 'hi')?.uses).toBe(0);
    });

    it('counts every use recorded at once from two stores', async () => {
      await store.put(reply('hi', '/hi'));
      const other = await harness.openAnother();
      const recorded = await Promise.all(
        Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? store : other).recordUse('hi', at)),
      );
      expect(recorded.every(Boolean)).toBe(true);
      expect((await store.list())[0]?.uses).toBe(10);
    });
  });
}
