import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AutoReplyRule } from '../../engine/desk/auto-reply.js';
import type { AutoReplyRuleStore } from '../../engine/desk/auto-reply-rule-store.js';

/** The port plus the demo seeding every adapter offers the server. */
export interface SeedableAutoReplyRuleStore extends AutoReplyRuleStore {
  seedDemo(rules: readonly AutoReplyRule[], at: string): Promise<number>;
}

export interface AutoReplyRuleStoreHarness {
  store: SeedableAutoReplyRuleStore;
  /**
   * Another store on the same storage, as a restarted process or a second node would open it. The harness
   * closes what it opened in `cleanup`.
   */
  openAnother(): Promise<SeedableAutoReplyRuleStore>;
  cleanup(): Promise<void>;
}

const at = '2026-06-01T00:00:00.000Z';
const rule = (id: string, keyword: string, overrides: Partial<AutoReplyRule> = {}): AutoReplyRule => ({
  id,
  name: id,
  keywords: [keyword],
  locale: null,
  text: `about ${keyword}`,
  enabled: true,
  updatedAt: at,
  updatedBy: 'editor',
  ...overrides,
});
const idsOf = (rules: readonly AutoReplyRule[]) => rules.map((stored) => stored.id);

/**
 * What every AutoReplyRuleStore promises, for each adapter:
 * `runAutoReplyRuleStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runAutoReplyRuleStoreContract(
  name: string,
  createHarness: () => Promise<AutoReplyRuleStoreHarness>,
): void {
  describe(`AutoReplyRuleStore contract: ${name}`, () => {
    let harness: AutoReplyRuleStoreHarness;
    let store: SeedableAutoReplyRuleStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps rules in the order first written, and its in-memory copy follows every write', async () => {
      expect(store.current()).toEqual([]);
      await store.put(rule('b', '退款'));
      await store.put(rule('a', '充值'));
      expect(idsOf(store.current())).toEqual(['b', 'a']);
      await store.put(rule('b', '退款', { enabled: false }));
      expect(store.current().map((stored) => [stored.id, stored.enabled])).toEqual([
        ['b', false],
        ['a', true],
      ]);
      await store.put(rule('c', '发货'));
      expect(await store.remove('a')).toBe(true);
      expect(await store.remove('a')).toBe(false);
      expect(idsOf(store.current())).toEqual(['b', 'c']);
      expect(await store.list()).toEqual(store.current());
      expect(await store.get('b')).toEqual(rule('b', '退款', { enabled: false }));
      expect(await store.get('a')).toBeUndefined();
    });

    it('shows another store on the same storage the rules as written', async () => {
      await store.put(rule('b', '退款', { locale: 'zh' }));
      await store.put(rule('a', '充值'));
      const other = await harness.openAnother();
      expect(await other.list()).toEqual(store.current());
      expect(other.current()).toEqual(store.current());
      expect(await other.get('b')).toEqual(rule('b', '退款', { locale: 'zh' }));
    });

    it('keeps the places of rules first written from two stores at once', async () => {
      const other = await harness.openAnother();
      await Promise.all([store.put(rule('x', '一')), other.put(rule('y', '二'))]);
      const listed = idsOf(await store.list());
      expect(listed.sort()).toEqual(['x', 'y']);
      await store.put(rule('z', '三'));
      expect(idsOf(await other.list()).at(-1)).toBe('z');
    });

    it('refuses a rule that does not parse and writes nothing', async () => {
      await expect(store.put(rule('a', '充值', { keywords: [] }))).rejects.toThrow();
      expect(await store.list()).toEqual([]);
      expect(store.current()).toEqual([]);
    });

    it('seeds the demo rules once in the life of the storage', async () => {
      expect(await store.seedDemo([rule('demo', '充值')], at)).toBe(1);
      expect(idsOf(store.current())).toEqual(['demo']);
      await store.remove('demo');
      expect(await store.seedDemo([rule('demo', '充值')], at)).toBe(0);
      const other = await harness.openAnother();
      expect(await other.seedDemo([rule('demo', '充值')], at)).toBe(0);
      expect(store.current()).toEqual([]);
      expect(await other.list()).toEqual([]);
    });

    it('seeds once when two stores seed at once', async () => {
      const other = await harness.openAnother();
      const written = await Promise.all([
        store.seedDemo([rule('demo', '充值')], at),
        other.seedDemo([rule('demo', '充值')], at),
      ]);
      expect(written.sort()).toEqual([0, 1]);
      expect(idsOf(await store.list())).toEqual(['demo']);
    });
  });
}
