import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConversationPrivacyStore,
  FiledReport,
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

const filed = (overrides: Partial<FiledReport> = {}): FiledReport => ({
  conversationId: 'c1',
  reporterViewerId: 'viewer-1',
  reportedUserId: 'u-42',
  ticketId: 'T-1',
  blockRequested: true,
  reportedAt: '2026-12-07T10:00:00.000Z',
  completed: false,
  ...overrides,
});
/** A day before the reports above: those filed after it are in the dedupe window. */
const WINDOW_START = '2026-12-06T10:00:00.000Z';

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

    it('remembers a filed report for another store, keeping the first one filed in the window', async () => {
      expect(await store.filedReport(filed())).toBeUndefined();
      expect(await store.rememberReport(filed(), WINDOW_START)).toEqual(filed());
      // Filed again by a second node at the same time: the first stays and is the answer.
      const other = await harness.openAnother();
      expect(
        await other.rememberReport(filed({ ticketId: 'T-2', blockRequested: false }), WINDOW_START),
      ).toEqual(filed());
      expect(await other.filedReport(filed())).toEqual(filed());
      // Another reporter, conversation or reported user is another key.
      expect(await other.filedReport(filed({ reporterViewerId: 'viewer-2' }))).toBeUndefined();
      expect(await other.filedReport(filed({ conversationId: 'c2' }))).toBeUndefined();
      expect(await other.filedReport(filed({ reportedUserId: 'u-43' }))).toBeUndefined();
      // Outside the window a new filing replaces it.
      const later = filed({ ticketId: 'T-3', reportedAt: '2026-12-09T10:00:00.000Z' });
      expect(await store.rememberReport(later, '2026-12-08T10:00:00.000Z')).toEqual(later);
      expect(await other.filedReport(filed())).toEqual(later);
    });

    it('reserves a key for one of two filings at once, and completes only the one stored', async () => {
      const other = await harness.openAnother();
      const [first, second] = await Promise.all([
        store.rememberReport(filed({ ticketId: 'T-A' }), WINDOW_START),
        other.rememberReport(filed({ ticketId: 'T-B' }), WINDOW_START),
      ]);
      // Both are answered with the same row, whichever won.
      expect(second).toEqual(first);
      expect(['T-A', 'T-B']).toContain(first.ticketId);
      expect(first.completed).toBe(false);
      const loser = first.ticketId === 'T-A' ? 'T-B' : 'T-A';
      expect(await other.completeReport({ ...filed(), ticketId: loser })).toBe(false);
      expect((await store.filedReport(filed()))?.completed).toBe(false);
      expect(await other.completeReport({ ...filed(), ticketId: first.ticketId })).toBe(true);
      expect(await store.filedReport(filed())).toEqual({ ...first, completed: true });
      // A completed report in the window is kept like any other.
      expect(await store.rememberReport(filed({ ticketId: 'T-C' }), WINDOW_START)).toEqual({
        ...first,
        completed: true,
      });
    });

    it('compares report times as instants, whatever their precision', async () => {
      await store.rememberReport(filed(), WINDOW_START);
      // The same instant as the stored one, written without milliseconds: still in the window.
      expect(
        await store.rememberReport(
          filed({ ticketId: 'T-2', reportedAt: '2026-12-08T10:00:00.000Z' }),
          '2026-12-07T10:00:00Z',
        ),
      ).toEqual(filed());
      // A millisecond later it is outside, and replaced.
      const later = filed({ ticketId: 'T-3', reportedAt: '2026-12-08T10:00:00.001Z' });
      expect(await store.rememberReport(later, '2026-12-07T10:00:00.001Z')).toEqual(later);
      expect(await store.filedReport(filed())).toEqual(later);
    });

    it('forgets the reports of erased conversations, refuses a malformed one', async () => {
      await store.rememberReport(filed(), WINDOW_START);
      await store.rememberReport(filed({ conversationId: 'c2' }), WINDOW_START);
      await store.forget(['c1']);
      expect(await store.filedReport(filed())).toBeUndefined();
      expect(await store.filedReport(filed({ conversationId: 'c2' }))).toEqual(
        filed({ conversationId: 'c2' }),
      );
      await expect(
        store.rememberReport(filed({ conversationId: 'c3', reportedAt: 'today' }), WINDOW_START),
      ).rejects.toThrow();
      expect(await store.filedReport(filed({ conversationId: 'c3' }))).toBeUndefined();
    });

    it('refuses a malformed mark and stores nothing', async () => {
      await expect(store.markSensitive(mark('c1', { markedAt: 'yesterday' }))).rejects.toThrow();
      expect(await store.sensitive('c1')).toBeUndefined();
    });
  });
}
