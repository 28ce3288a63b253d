import type { DanmakuItem } from '../../engine/room-watch/danmaku.js';
import type { RoomAlertKind } from '../../engine/room-watch/room-alert.js';

/** One item of a room's live stream as staff see it: what the watch read in it marks it. */
export interface StreamEntry {
  seq: number;
  item: DanmakuItem;
  /** Alert kinds this comment is evidence of; empty for ordinary chatter. */
  kinds: readonly RoomAlertKind[];
}

/** A room being watched: its latest items in a fixed-size ring (older ones are simply overwritten). */
export class RoomStream {
  readonly platformId: string;
  readonly roomId: string;
  lastMs = 0;
  itemCount = 0;
  private readonly ring: (StreamEntry | undefined)[];
  private next = 0;

  constructor(where: { platformId: string; roomId: string }, size: number) {
    this.platformId = where.platformId;
    this.roomId = where.roomId;
    this.ring = new Array<StreamEntry | undefined>(size);
  }

  add(item: DanmakuItem, kinds: readonly RoomAlertKind[]): StreamEntry {
    this.itemCount += 1;
    const entry = { seq: this.itemCount, item, kinds };
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.ring.length;
    this.lastMs = Math.max(this.lastMs, item.atMs);
    return entry;
  }

  /** The newest `limit` entries, oldest first. */
  latest(limit: number): StreamEntry[] {
    const entries: StreamEntry[] = [];
    for (let offset = 1; offset <= Math.min(limit, this.ring.length); offset += 1) {
      const entry = this.ring[(this.next - offset + this.ring.length) % this.ring.length];
      if (!entry) break;
      entries.push(entry);
    }
    return entries.reverse();
  }
}
