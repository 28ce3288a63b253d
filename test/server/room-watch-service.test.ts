import { afterEach, describe, expect, it } from 'vitest';
import { createCommentClassifier } from '../../engine/room-watch/classify-comment.js';
import { DEFAULT_COMMENT_RULES } from '../../engine/room-watch/comment-rules.js';
import { DEFAULT_FLOOD_SETTINGS } from '../../engine/room-watch/near-duplicate-window.js';
import type { RoomAlert } from '../../engine/room-watch/room-alert.js';
import { DEFAULT_ROOM_WATCH_SETTINGS, RoomWatch } from '../../engine/room-watch/room-watch.js';
import { silentLogger } from '../../server/logging/logger.js';
import type { DanmakuPushItem } from '../../server/room-watch/danmaku-schemas.js';
import type { RoomAlertStore } from '../../server/room-watch/room-alert-store.js';
import { uncountedRoomWatchMetrics } from '../../server/room-watch/room-watch-metrics.js';
import {
  RoomWatchService,
  type RoomWatchServiceOptions,
} from '../../server/room-watch/room-watch-service.js';

/** A store that keeps the last saved copy of each alert, with a hook to hold a save back. */
function memoryStore(): RoomAlertStore & {
  saved: Map<string, RoomAlert>;
  saves: number;
  hold?: Promise<void> | undefined;
} {
  const store = {
    saved: new Map<string, RoomAlert>(),
    saves: 0,
    hold: undefined as Promise<void> | undefined,
    async save(alerts: readonly RoomAlert[]) {
      store.saves += 1;
      const copies = alerts.map((alert) => structuredClone(alert));
      const hold = store.hold;
      store.hold = undefined;
      if (hold) await hold;
      for (const copy of copies) store.saved.set(copy.id, copy);
    },
    get: (id: string) => Promise.resolve(store.saved.get(id)),
    list: () => Promise.resolve([...store.saved.values()]),
  };
  return store;
}

const services: RoomWatchService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

function newService(overrides: Partial<RoomWatchServiceOptions> & { maxRooms?: number } = {}): {
  service: RoomWatchService;
  watch: RoomWatch;
  store: ReturnType<typeof memoryStore>;
} {
  let next = 0;
  const watch = new RoomWatch({
    classifier: createCommentClassifier({ rules: DEFAULT_COMMENT_RULES }),
    settings: { ...DEFAULT_ROOM_WATCH_SETTINGS, flood: DEFAULT_FLOOD_SETTINGS },
    newId: () => `ra_${++next}`,
  });
  const store = memoryStore();
  const service = new RoomWatchService({
    watch,
    store,
    metrics: uncountedRoomWatchMetrics(),
    keyRate: { perSecond: 1_000_000, burst: 1_000_000 },
    roomRate: { perSecond: 1_000_000, burst: 1_000_000 },
    nowMs: () => Date.now(),
    logger: silentLogger(),
    publishIntervalMs: 10,
    ...overrides,
  });
  services.push(service);
  return { service, watch, store };
}

const ad = (userId: string, atMs?: number): DanmakuPushItem => ({
  kind: 'comment',
  userId,
  text: '加微信 abc12345',
  ...(atMs === undefined ? {} : { atMs }),
});

describe('room watch service bounds', () => {
  it('caps rooms per platform and overall, evicting the least recently active unwatched room', async () => {
    const { service, watch } = newService({ maxRooms: 8, maxRoomsPerPlatform: 5 });
    const heard: string[] = [];
    service.subscribe('p1', 'watched', (event) => heard.push(event.type));
    service.push({ platformId: 'p1', keyId: 'k1' }, 'watched', [ad('w')]);
    // One ad per fresh room id: every room gets an open alert, and none of it may pin the room in memory.
    for (let index = 0; index < 200; index += 1) {
      service.push({ platformId: 'p1', keyId: 'k1' }, `fresh-${index}`, [ad(`u${index}`)]);
      service.push({ platformId: 'p2', keyId: 'k2' }, `fresh-${index}`, [ad(`v${index}`)]);
    }
    await service.settle();
    expect(service.listRooms('p1', 1000).length).toBeLessThanOrEqual(5);
    expect(service.listRooms(undefined, 1000).length).toBeLessThanOrEqual(8);
    expect(watch.roomCount).toBeLessThanOrEqual(8);
    // The room a panel watches stays; the newest rooms are kept.
    expect(service.listRooms('p1', 1000).map((room) => room.roomId)).toContain('watched');
    expect(service.listRooms('p1', 1000).map((room) => room.roomId)).toContain('fresh-199');
    expect(service.listRooms(undefined, 3)).toHaveLength(3);
  });

  it('drops full token buckets, so fresh room ids do not grow them', async () => {
    let nowMs = 1_000_000;
    const { service } = newService({
      nowMs: () => nowMs,
      roomRate: { perSecond: 100, burst: 100 },
      keyRate: { perSecond: 1_000_000, burst: 1_000_000 },
    });
    for (let index = 0; index < 300; index += 1)
      service.push({ platformId: 'p1', keyId: 'k1' }, `r-${index}`, [ad(`u${index}`, nowMs)]);
    const buckets = (service as unknown as { roomBuckets: { buckets: Map<string, unknown> } }).roomBuckets
      .buckets;
    expect(buckets.size).toBe(300);
    nowMs += 10_000;
    await expect.poll(() => buckets.size, { timeout: 2000 }).toBe(0);
  });

  it('gives each key a fair share of the queue: one platform filling it does not refuse another', () => {
    const { service } = newService({ maxPending: 1000 });
    const batch = (prefix: string) => Array.from({ length: 500 }, (_, index) => ad(`${prefix}${index}`));
    const a = { platformId: 'pa', keyId: 'ka' };
    expect(service.push(a, 'room', batch('a')).ok).toBe(true);
    expect(service.push(a, 'room', batch('a')).ok).toBe(true);
    expect(service.push(a, 'room', batch('a'))).toMatchObject({ ok: false, reason: 'overloaded' });
    expect(service.busyFor('ka')).toBe(true);
    expect(service.busyFor('kb')).toBe(false);
    expect(service.push({ platformId: 'pb', keyId: 'kb' }, 'room', batch('b'))).toEqual({
      ok: true,
      accepted: 500,
    });
  });

  it('clamps pushed times to five minutes back and thirty seconds ahead', async () => {
    const nowMs = 5_000_000_000;
    const { service, store } = newService({ nowMs: () => nowMs });
    const where = { platformId: 'p', keyId: 'k' };
    service.push(where, 'r', [ad('future', nowMs + 86_400_000), ad('past', 0), ad('now', nowMs - 1000)]);
    await service.settle();
    expect(service.recentStream('p', 'r', 10).map((entry) => entry.item.atMs)).toEqual([
      nowMs + 30_000,
      nowMs - 5 * 60_000,
      nowMs - 1000,
    ]);
    const [alert] = [...store.saved.values()];
    expect(alert!.lastSeenMs).toBeLessThanOrEqual(nowMs + 30_000);
  });

  it('never lets an older copy of an alert overwrite its acknowledgement', async () => {
    const { service, store } = newService();
    let release: () => void = () => undefined;
    // The first write (the new alert, still open) is slow, as on a busy PostgreSQL connection.
    store.hold = new Promise((resolve) => (release = resolve));
    const raised: RoomAlert[] = [];
    service.subscribe('p', 'r', (event) => {
      if (event.type === 'alert') raised.push(event.alert);
    });
    service.push({ platformId: 'p', keyId: 'k' }, 'r', [ad('spammer')]);
    await expect.poll(() => raised.length).toBeGreaterThan(0);
    expect(store.saves).toBe(1);
    const acknowledged = service.acknowledge(raised[0]!.id, 'mod-1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await acknowledged;
    await service.settle();
    expect(store.saved.get(raised[0]!.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'mod-1' });
  });
});
