import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConversationPrivacyStore,
  SensitiveMark,
} from '../../server/privacy/conversation-privacy-store.js';

export interface ConversationPrivacyStoreHarness {
  store: ConversationPrivacyStore;
  /** Another store on the same storage, as a restarted process or a second node would open it. */
  openAnother(): Promise<ConversationPrivacyStore>;
  cleanup(): Promise<void>;
}

const mark = (conversationId: string, overrides: Partial<SensitiveMark> = {}): SensitiveMark => ({
  conversationId,
  markedBy: 'supervisor-1',
  markedAt: '2026-12-07T10:00:00.000Z',
  note: 'minor involved',
  ...overrides,
});

/** What every ConversationPrivacyStore promises, for each adapter. */
export function runConversationPrivacyStoreContract(
  name: string,
  createHarness: () => Promise<ConversationPrivacyStoreHarness>,
): void {
  describe(`ConversationPrivacyStore contract: ${name}`, () => {
    let harness: ConversationPrivacyStoreHarness;
    let store: ConversationPrivacyStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('marks, re-marks with a new note, reads back on another store, and clears', async () => {
      expect(await store.sensitive('c1')).toBeUndefined();
      await store.markSensitive(mark('c1'));
      await store.markSensitive(mark('c1', { note: 'harassment report', markedBy: 'admin-1' }));
      const other = await harness.openAnother();
      expect(await other.sensitive('c1')).toEqual(
        mark('c1', { note: 'harassment report', markedBy: 'admin-1' }),
      );
      expect(await other.clearSensitive('c1')).toBe(true);
      expect(await store.clearSensitive('c1')).toBe(false);
      expect(await store.sensitive('c1')).toBeUndefined();
    });

    it('finds the marked ones among many ids in one call', async () => {
      await store.markSensitive(mark('c2'));
      await store.markSensitive(mark('c7'));
      const ids = Array.from({ length: 1200 }, (_, index) => `c${index}`);
      expect([...(await store.sensitiveAmong(ids))].sort()).toEqual(['c2', 'c7']);
      expect(await store.sensitiveAmong([])).toEqual(new Set());
    });

    it('forgets the marks of erased conversations and counts them', async () => {
      await store.markSensitive(mark('c1'));
      await store.markSensitive(mark('c2'));
      expect(await store.forget(['c1', 'c2', 'c3'])).toBe(2);
      expect(await store.sensitiveAmong(['c1', 'c2'])).toEqual(new Set());
    });

    it('refuses a malformed mark and stores nothing', async () => {
      await expect(store.markSensitive(mark('c1', { markedAt: 'yesterday' }))).rejects.toThrow();
      expect(await store.sensitive('c1')).toBeUndefined();
    });
  });
}
