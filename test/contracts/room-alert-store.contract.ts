import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomAlert } from '../../engine/room-watch/room-alert.js';
import type { RoomAlertStore } from '../../server/room-watch/room-alert-store.js';

export interface RoomAlertStoreHarness {
  store: RoomAlertStore;
  /** Another store on the same storage, as a restarted process or a second node would open it. */
  openAnother(): Promise<RoomAlertStore>;
  cleanup(): Promise<void>;
}

const alert = (id: string, overrides: Partial<RoomAlert> = {}): RoomAlert => ({
  id,
  platformId: 'acme',
  roomId: 'room-1',
  kind: 'ad',
  severity: 'medium',
  status: 'open',
  firstSeenMs: 1_000,
  lastSeenMs: 2_000,
  evidence: [
    { userId: 'u1', userName: '小明', text: '加v看主页', atMs: 1_000, rule: 'contact-add', itemId: 'c1' },
  ],
  evidenceCount: 1,
  userIds: ['u1'],
  outcomes: [],
  ...overrides,
});

export function runRoomAlertStoreContract(
  name: string,
  createHarness: () => Promise<RoomAlertStoreHarness>,
): void {
  describe(`room alert store contract: ${name}`, () => {
    let harness: RoomAlertStoreHarness;
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('reads an alert back whole, evidence and outcomes included, from another store', async () => {
      const saved = alert('a1', {
        subjectUserId: 'u1',
        kind: 'dispute',
        severity: 'high',
        status: 'acknowledged',
        acknowledgedAtMs: 5_000,
        acknowledgedBy: 'mod-1',
        outcomes: [{ action: 'suggested-mute', byUserId: 'mod-1', atMs: 6_000, userId: 'u1' }],
      });
      await harness.store.save([saved]);
      const other = await harness.openAnother();
      expect(await other.get('a1')).toEqual(saved);
      expect(await other.get('missing')).toBeUndefined();
    });

    it('keeps the newest state of an alert saved again', async () => {
      await harness.store.save([alert('a1')]);
      const grown = alert('a1', { evidenceCount: 7, lastSeenMs: 9_000, severity: 'high' });
      await harness.store.save([grown]);
      expect(await harness.store.get('a1')).toEqual(grown);
      expect(await harness.store.list({ limit: 10 })).toHaveLength(1);
    });

    it('lists newest first, filtered by room, status, kind and first-seen time', async () => {
      await harness.store.save([
        alert('old', { firstSeenMs: 100, lastSeenMs: 200 }),
        alert('new', { firstSeenMs: 300, lastSeenMs: 900, kind: 'abuse' }),
        alert('other-room', { roomId: 'room-2', lastSeenMs: 500 }),
        alert('done', { status: 'acknowledged', lastSeenMs: 400 }),
      ]);
      const ids = async (query: Parameters<RoomAlertStore['list']>[0]) =>
        (await harness.store.list(query)).map((found) => found.id);
      expect(await ids({ limit: 10 })).toEqual(['new', 'other-room', 'done', 'old']);
      expect(await ids({ roomId: 'room-1', limit: 10 })).toEqual(['new', 'done', 'old']);
      expect(await ids({ status: 'open', roomId: 'room-1', limit: 10 })).toEqual(['new', 'old']);
      expect(await ids({ kind: 'abuse', limit: 10 })).toEqual(['new']);
      expect(await ids({ sinceMs: 300, untilMs: 1_001, limit: 10 })).toEqual(['new', 'other-room', 'done']);
      expect(await ids({ limit: 2 })).toEqual(['new', 'other-room']);
      expect(await ids({ platformId: 'nobody', limit: 10 })).toEqual([]);
    });
  });
}
