import type { DanmakuItem } from '../../engine/room-watch/danmaku.js';
import { MAX_OUTCOMES, type RoomAlert, type RoomAlertOutcome } from '../../engine/room-watch/room-alert.js';
import type { RoomWatch } from '../../engine/room-watch/room-watch.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { Logger } from '../logging/logger.js';
import { processLoopSlice, type LoopSlice } from '../pacing/loop-slice.js';
import { RateLimiter, type RateLimit } from '../realtime/token-bucket.js';
import type { WebhookEmitter } from '../webhooks/webhook-emitter.js';
import type { DanmakuPushItem } from './danmaku-schemas.js';
import type { RoomAlertStore } from './room-alert-store.js';
import { RoomStream, type StreamEntry } from './room-stream.js';
import type { RoomWatchMetrics } from './room-watch-metrics.js';

export interface RoomWatchServiceOptions {
  watch: RoomWatch;
  store: RoomAlertStore;
  metrics: RoomWatchMetrics;
  /** Items per second per platform API key, and per room. */
  keyRate: RateLimit;
  roomRate: RateLimit;
  /** Epoch milliseconds: items pushed without a time, acknowledgements, rate limits. */
  nowMs: () => number;
  logger: Logger;
  webhooks?: WebhookEmitter | undefined;
  /** Items kept per room for the panel's stream. Default 300. */
  streamSize?: number;
  /**
   * Items accepted but not yet read before pushes are refused (503). Each key pushing has a fair share of it
   * (this over the keys with items waiting), so one platform filling the queue does not refuse the others;
   * over all keys never more than twice this. Default 20 000.
   */
  maxPending?: number;
  /** Rooms held (stream ring, windows) at most, overall and per platform. Defaults 5000 and 2000. */
  maxRooms?: number;
  maxRoomsPerPlatform?: number;
  /**
   * The watch reads for at most this long, then rests as long as it read before reading on: it never takes
   * more than half the event loop, however many comments wait, so the desk's own work keeps its pace.
   * Default 4 ms.
   */
  sliceMs?: number;
  /**
   * The process's shared loop slice (server/pacing/): the watch also stops once the paced work of this turn
   * of the event loop (viewers' frames, matching) has spent it, so together they never hold the loop for
   * long. Default: the process's.
   */
  loopSlice?: LoopSlice;
  /** How often watchers get the new stream items (one message per room). Default 250 ms. */
  publishIntervalMs?: number;
  /**
   * An open alert this long without new evidence stops taking merges (it stays open in the store, and later
   * evidence raises a new one), so memory holds only the live ones. Default 10 minutes.
   */
  quietAfterMs?: number;
  /** Open alerts held in memory at most; the quietest stop taking merges first. Default 20 000. */
  maxLiveAlerts?: number;
}

/** What staff watching a room hear. */
export type RoomEvent =
  | { type: 'stream'; platformId: string; roomId: string; entries: StreamEntry[]; skipped: number }
  | { type: 'alert'; alert: RoomAlert };

export type RoomListener = (event: RoomEvent) => void;

export type PushOutcome =
  { ok: true; accepted: number } | { ok: false; reason: 'rate_limited' | 'overloaded'; retryAfterMs: number };

/** A watched room, as listed for staff. */
export interface RoomSummary {
  platformId: string;
  roomId: string;
  lastMs: number;
  itemCount: number;
  openAlerts: number;
}

const PUBLISHED_PER_FLUSH = 60;
/** Publish ticks between prunes of full token buckets (5 s at the default 250 ms). */
const PRUNE_EVERY_PUBLISHES = 20;
/** Rooms with panel listeners skipped at most when looking for one to evict; past it the oldest goes anyway. */
const EVICTION_SCAN = 64;
/** Pushed times are clamped to this window around the server's clock. */
const MAX_PAST_MS = 5 * 60_000;
const MAX_FUTURE_MS = 30_000;
const WRITE_BATCH = 200;
/** Items read between looks at the clock. */
const READ_STRIDE = 32;

/** One accepted push, read item by item from `next`: the queue holds batches, not an object per item. */
interface PendingBatch {
  keyId: string;
  platformId: string;
  roomId: string;
  roomKey: string;
  items: DanmakuItem[];
  next: number;
}

/**
 * Danmaku in, room alerts out. A push is rate limited and queued (cheap, never waits on the detectors); the
 * queue is read in chunks, yielding to the event loop between them, so thousands of comments a second leave
 * the desk's own work room. Only alerts are stored: changed ones are written together after each chunk.
 */
export class RoomWatchService {
  private readonly options: RoomWatchServiceOptions;
  private readonly keyBuckets: RateLimiter;
  private readonly roomBuckets: RateLimiter;
  /** Least recently active first (a room read is moved to the end): the first key is the one to evict. */
  private readonly rooms = new Map<string, RoomStream>();
  private readonly roomsByPlatform = new Map<string, Map<string, RoomStream>>();
  private readonly listeners = new Map<string, Set<RoomListener>>();
  private readonly unpublished = new Map<string, { entries: StreamEntry[]; skipped: number }>();
  /** Alerts not yet acknowledged, by id (the engine merges into the same objects). */
  private readonly open = new Map<string, RoomAlert>();
  private readonly dirty = new Map<string, RoomAlert>();
  private pending: PendingBatch[] = [];
  /** The first batch of `pending` not yet read to its end. */
  private pendingHead = 0;
  private pendingItems = 0;
  private readonly pendingByKey = new Map<string, number>();
  private reading = false;
  private writing: Promise<void> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly publishTimer: NodeJS.Timeout;
  private publishes = 0;
  private closed = false;

  constructor(options: RoomWatchServiceOptions) {
    this.options = options;
    this.keyBuckets = new RateLimiter(options.keyRate, options.nowMs);
    this.roomBuckets = new RateLimiter(options.roomRate, options.nowMs);
    this.publishTimer = setInterval(() => this.publish(), options.publishIntervalMs ?? 250);
    this.publishTimer.unref();
  }

  /** Takes one validated batch for a room, or says why not (nothing of a refused batch is kept). */
  push(
    source: { platformId: string; keyId: string },
    roomId: string,
    items: readonly DanmakuPushItem[],
  ): PushOutcome {
    if (this.closed) return { ok: false, reason: 'overloaded', retryAfterMs: 1000 };
    const roomKey = keyOf(source.platformId, roomId);
    const cost = items.length;
    if (this.busyFor(source.keyId, cost)) return { ok: false, reason: 'overloaded', retryAfterMs: 1000 };
    // Both buckets must allow it before either is spent: a room's refusal costs the key nothing.
    if (!this.keyBuckets.allows(source.keyId, cost) || !this.roomBuckets.allows(roomKey, cost))
      return { ok: false, reason: 'rate_limited', retryAfterMs: 1000 };
    this.keyBuckets.take(source.keyId, cost);
    this.roomBuckets.take(roomKey, cost);
    const nowMs = this.options.nowMs();
    this.pending.push({
      keyId: source.keyId,
      platformId: source.platformId,
      roomId,
      roomKey,
      items: items.map((item) => toItem(item, nowMs)),
      next: 0,
    });
    this.pendingItems += cost;
    this.pendingByKey.set(source.keyId, (this.pendingByKey.get(source.keyId) ?? 0) + cost);
    this.options.metrics.accepted(cost);
    this.scheduleRead();
    return { ok: true, accepted: cost };
  }

  /**
   * The watch is behind for this key: a push now would be refused, so the gateways refuse it before parsing
   * it. A key holding more than its fair share waits; the others are still served.
   */
  busyFor(keyId: string, cost = 1): boolean {
    if (this.closed || this.pendingItems + cost > 2 * this.maxPending) return true;
    const held = this.pendingByKey.get(keyId) ?? 0;
    const keys = this.pendingByKey.size + (held === 0 ? 1 : 0);
    return held + cost > Math.max(cost, Math.floor(this.maxPending / keys));
  }

  private get maxPending(): number {
    return this.options.maxPending ?? 20_000;
  }

  /** The most recently active rooms first, at most `limit` of them. */
  listRooms(platformId?: string, limit = 200): RoomSummary[] {
    const openByRoom = new Map<string, number>();
    for (const alert of this.open.values()) {
      const key = keyOf(alert.platformId, alert.roomId);
      openByRoom.set(key, (openByRoom.get(key) ?? 0) + 1);
    }
    const rooms =
      platformId === undefined
        ? this.rooms
        : (this.roomsByPlatform.get(platformId) ?? new Map<string, RoomStream>());
    // The maps run least recently active first: the newest `limit` are the last ones.
    return [...rooms.values()]
      .slice(-limit)
      .map((room) => ({
        platformId: room.platformId,
        roomId: room.roomId,
        lastMs: room.lastMs,
        itemCount: room.itemCount,
        openAlerts: openByRoom.get(keyOf(room.platformId, room.roomId)) ?? 0,
      }))
      .sort((first, second) => second.lastMs - first.lastMs);
  }

  recentStream(platformId: string, roomId: string, limit: number): StreamEntry[] {
    return this.rooms.get(keyOf(platformId, roomId))?.latest(limit) ?? [];
  }

  /** Stream items (batched) and alert changes of one room. */
  subscribe(platformId: string, roomId: string, listener: RoomListener): () => void {
    const key = keyOf(platformId, roomId);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** The alert as it is now: live if still open here, else as stored. */
  async alert(alertId: string): Promise<RoomAlert | undefined> {
    return this.open.get(alertId) ?? (await this.options.store.get(alertId));
  }

  async acknowledge(alertId: string, byUserId: string): Promise<RoomAlert> {
    const alert = await this.required(alertId);
    if (alert.status === 'acknowledged') return alert;
    const atMs = this.options.nowMs();
    alert.status = 'acknowledged';
    alert.acknowledgedAtMs = atMs;
    alert.acknowledgedBy = byUserId;
    this.options.watch.settle(alert);
    this.open.delete(alert.id);
    return this.recordOutcome(alert, { action: 'acknowledged', byUserId, atMs });
  }

  /**
   * Suggests a mute or kick to the platform through the signed `room.action.suggested` webhook. Livedesk does
   * not mute anyone: the platform decides and acts.
   */
  async suggest(
    alertId: string,
    request: { action: 'mute' | 'kick'; userId: string; reason: string; byUserId: string },
  ): Promise<RoomAlert> {
    const alert = await this.required(alertId);
    const atMs = this.options.nowMs();
    this.options.webhooks?.emit({
      type: 'room.action.suggested',
      occurredAt: new Date(atMs).toISOString(),
      data: {
        platform: alert.platformId,
        roomId: alert.roomId,
        userId: request.userId,
        action: request.action,
        reason: request.reason,
        alertId: alert.id,
        suggestedBy: request.byUserId,
      },
    });
    return this.recordOutcome(alert, {
      action: request.action === 'mute' ? 'suggested-mute' : 'suggested-kick',
      byUserId: request.byUserId,
      atMs,
      userId: request.userId,
    });
  }

  /** Records what staff did (a ticket, a conversation) with the alert. */
  async recordOutcome(alertOrId: RoomAlert | string, outcome: RoomAlertOutcome): Promise<RoomAlert> {
    const alert = typeof alertOrId === 'string' ? await this.required(alertOrId) : alertOrId;
    alert.outcomes.push(outcome);
    if (alert.outcomes.length > MAX_OUTCOMES) alert.outcomes.splice(1, 1);
    // Copied when its turn comes, so it holds every change made before it.
    await this.serially(() => this.options.store.save([structuredClone(alert)]));
    this.notify(alert);
    return alert;
  }

  /** Reads what is queued now and writes the changed alerts (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.pendingItems > 0 || this.reading) await new Promise((resolve) => setTimeout(resolve, 5));
    for (let round = 0; round < 5 && (this.dirty.size > 0 || this.writing); round += 1)
      await this.flushWrites();
    this.publish();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.settle();
    clearInterval(this.publishTimer);
    this.listeners.clear();
  }

  private async required(alertId: string): Promise<RoomAlert> {
    const alert = await this.alert(alertId);
    if (!alert) throw new LivedeskError('not_found', 'no such room alert');
    return alert;
  }

  private scheduleRead(): void {
    if (this.reading) return;
    this.reading = true;
    setImmediate(() => this.readChunk());
  }

  private readChunk(): void {
    const sliceMs = this.options.sliceMs ?? 4;
    const loopSlice = this.options.loopSlice ?? processLoopSlice;
    const started = performance.now();
    // Counted from here in the shared slice, so paced work later in this turn knows the loop is held.
    loopSlice.spent();
    let read = 0;
    let stop = false;
    while (!stop && this.pendingHead < this.pending.length) {
      const batch = this.pending[this.pendingHead]!;
      const room = this.roomOf(batch.platformId, batch.roomId, batch.roomKey);
      const from = batch.next;
      while (batch.next < batch.items.length) {
        const item = batch.items[batch.next]!;
        batch.next += 1;
        try {
          this.read(batch, room, item);
        } catch (error) {
          this.options.logger.error({ error }, 'room watch failed on an item');
        }
        read += 1;
        if (read % READ_STRIDE === 0 && (performance.now() - started >= sliceMs || loopSlice.spent())) {
          stop = true;
          break;
        }
      }
      const taken = batch.next - from;
      this.pendingItems -= taken;
      const left = (this.pendingByKey.get(batch.keyId) ?? taken) - taken;
      if (left > 0) this.pendingByKey.set(batch.keyId, left);
      else this.pendingByKey.delete(batch.keyId);
      if (batch.next >= batch.items.length) {
        // Read to its end: its items are let go now, not when the queue is next compacted.
        batch.items = [];
        batch.next = 0;
        this.pendingHead += 1;
      }
    }
    if (this.pendingHead >= this.pending.length) {
      this.pending = [];
      this.pendingHead = 0;
      this.reading = false;
      return;
    }
    // Read batches go in bulk now and then, not one shift per batch.
    if (this.pendingHead >= 256) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
    // Rest as long as the slice took: the rest of the server gets at least half of the event loop.
    const rest = Math.max(1, Math.round(performance.now() - started));
    setTimeout(() => this.readChunk(), rest);
  }

  private read(batch: PendingBatch, room: RoomStream, item: DanmakuItem): void {
    const { platformId, roomId, roomKey } = batch;
    const result = this.options.watch.observe({ platformId, roomId, item });
    const entry = room.add(item, result.kinds);
    if (this.listeners.has(roomKey)) {
      let queued = this.unpublished.get(roomKey);
      if (!queued) {
        queued = { entries: [], skipped: 0 };
        this.unpublished.set(roomKey, queued);
      }
      queued.entries.push(entry);
      // Only the newest are published: the older half goes in one step now and then, not one shift an item.
      if (queued.entries.length >= 2 * PUBLISHED_PER_FLUSH) {
        queued.entries.splice(0, PUBLISHED_PER_FLUSH);
        queued.skipped += PUBLISHED_PER_FLUSH;
      }
    }
    for (const change of result.changes) {
      this.open.set(change.alert.id, change.alert);
      this.dirty.set(change.alert.id, change.alert);
      if (change.type === 'raised') {
        this.options.metrics.alertRaised(change.alert.kind);
        this.options.webhooks?.emit({
          type: 'room.alert.raised',
          occurredAt: new Date(this.options.nowMs()).toISOString(),
          data: {
            alertId: change.alert.id,
            platform: platformId,
            roomId,
            kind: change.alert.kind,
            severity: change.alert.severity,
            userIds: change.alert.userIds,
          },
        });
      }
    }
  }

  /**
   * The room's stream, moved to the end of the recency maps. A new room past the caps first evicts the least
   * recently active room of its platform (or overall) that no panel watches; its alerts are stored already.
   */
  private roomOf(platformId: string, roomId: string, key: string): RoomStream {
    let platformRooms = this.roomsByPlatform.get(platformId);
    if (!platformRooms) {
      platformRooms = new Map();
      this.roomsByPlatform.set(platformId, platformRooms);
    }
    let room = this.rooms.get(key);
    if (room) {
      this.rooms.delete(key);
      platformRooms.delete(key);
    } else {
      if (platformRooms.size >= (this.options.maxRoomsPerPlatform ?? 2000)) this.evictFrom(platformRooms);
      if (this.rooms.size >= (this.options.maxRooms ?? 5000)) this.evictFrom(this.rooms);
      room = new RoomStream({ platformId, roomId }, this.options.streamSize ?? 300);
    }
    this.rooms.set(key, room);
    platformRooms.set(key, room);
    return room;
  }

  private evictFrom(rooms: Map<string, RoomStream>): void {
    let victim: [string, RoomStream] | undefined;
    let scanned = 0;
    for (const entry of rooms) {
      victim ??= entry;
      if (!this.listeners.has(entry[0])) {
        victim = entry;
        break;
      }
      if ((scanned += 1) >= EVICTION_SCAN) break;
    }
    if (!victim) return;
    const [key, room] = victim;
    this.rooms.delete(key);
    this.roomsByPlatform.get(room.platformId)?.delete(key);
    this.unpublished.delete(key);
    this.options.watch.forget(room.platformId, room.roomId);
  }

  /**
   * Every store write of alerts runs through this one chain, so a later state (an acknowledgement) is never
   * overwritten by an older copy written on another connection.
   */
  private serially(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** One write at a time; alerts changed meanwhile go in the next. */
  private flushWrites(): Promise<void> {
    if (this.writing) return this.writing.then(() => (this.dirty.size > 0 ? this.flushWrites() : undefined));
    if (this.dirty.size === 0) return Promise.resolve();
    this.writing = this.serially(async () => {
      // Copied when its turn comes, after every write before it: it holds the newest state.
      // Bounded, so one write (synchronous in SQLite) stays short; the rest go in the next.
      const batch = [...this.dirty.values()].slice(0, WRITE_BATCH).map((alert) => structuredClone(alert));
      for (const alert of batch) this.dirty.delete(alert.id);
      const saved = this.options.store.save(batch);
      for (const alert of batch) this.notify(this.open.get(alert.id) ?? alert);
      try {
        await saved;
      } catch (error) {
        // Kept for the next write: an alert is never dropped because the database blinked.
        for (const alert of batch)
          if (!this.dirty.has(alert.id)) this.dirty.set(alert.id, this.open.get(alert.id) ?? alert);
        this.options.logger.error({ error, alerts: batch.length }, 'room alerts could not be stored');
      }
    }).finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private notify(alert: RoomAlert): void {
    const set = this.listeners.get(keyOf(alert.platformId, alert.roomId));
    if (!set) return;
    for (const listener of set) listener({ type: 'alert', alert });
  }

  /** Lets quiet alerts go from memory (see `quietAfterMs`); the engine forgets their merge keys too. */
  private forgetQuietAlerts(): void {
    const quietBefore = this.options.nowMs() - (this.options.quietAfterMs ?? 10 * 60_000);
    const max = this.options.maxLiveAlerts ?? 20_000;
    const quiet = [...this.open.values()].filter((alert) => alert.lastSeenMs < quietBefore);
    const overflow =
      this.open.size - quiet.length > max
        ? [...this.open.values()]
            .filter((alert) => alert.lastSeenMs >= quietBefore)
            .sort((first, second) => first.lastSeenMs - second.lastSeenMs)
            .slice(0, this.open.size - quiet.length - max)
        : [];
    for (const alert of [...quiet, ...overflow]) {
      if (this.dirty.has(alert.id)) continue;
      this.options.watch.settle(alert);
      this.open.delete(alert.id);
    }
  }

  /** Every publish tick: changed alerts are written together (merges within a tick cost one write). */
  private publish(): void {
    void this.flushWrites();
    this.publishes += 1;
    if (this.publishes % 40 === 0) this.forgetQuietAlerts();
    if (this.publishes % PRUNE_EVERY_PUBLISHES === 0) {
      // A bucket per room pushed to: full ones go, so fresh room ids cannot grow them without limit.
      this.keyBuckets.prune();
      this.roomBuckets.prune();
    }
    for (const [key, queued] of this.unpublished) {
      const set = this.listeners.get(key);
      const room = this.rooms.get(key);
      if (!set || !room) continue;
      const over = Math.max(0, queued.entries.length - PUBLISHED_PER_FLUSH);
      const event: RoomEvent = {
        type: 'stream',
        platformId: room.platformId,
        roomId: room.roomId,
        entries: over > 0 ? queued.entries.slice(over) : queued.entries,
        skipped: queued.skipped + over,
      };
      for (const listener of set) listener(event);
    }
    this.unpublished.clear();
  }
}

function keyOf(platformId: string, roomId: string): string {
  return `${platformId}\u0000${roomId}`;
}

function toItem(pushed: DanmakuPushItem, nowMs: number): DanmakuItem {
  const { atMs, ...rest } = pushed;
  // Clamped: a far-future time would pin alerts open and poison the windows, a far-past one skew them.
  const at = Math.min(Math.max(atMs ?? nowMs, nowMs - MAX_PAST_MS), nowMs + MAX_FUTURE_MS);
  return { ...rest, atMs: at };
}
