import type { QueueLane } from './queue-lane.js';

export interface QueuedItem {
  readonly conversationId: string;
  lane: QueueLane;
  /** When the conversation first entered the queue; a requeue keeps it, so it keeps its place. */
  readonly enqueuedAtMs: number;
  /** Arrival order, the tie-break between equal enqueue times. */
  readonly sequence: number;
}

/**
 * Waiting conversations in service order: rank first (`rankOf`, lower first; lane, then VIP), then the
 * longest waiting. Kept sorted on insert (binary search), so reading the order is free. An item's rank
 * must not change while it is queued: remove it, change it, insert it again.
 */
export class WaitingQueue<Item extends QueuedItem> {
  private readonly items: Item[] = [];
  private readonly rankOf: (item: Item) => number;

  constructor(rankOf: (item: Item) => number) {
    this.rankOf = rankOf;
  }

  get size(): number {
    return this.items.length;
  }

  /** Items in service order. Read-only view; changes go through `insert` and `remove`. */
  ordered(): readonly Item[] {
    return this.items;
  }

  has(conversationId: string): boolean {
    return this.items.some((item) => item.conversationId === conversationId);
  }

  insert(item: Item): void {
    if (this.has(item.conversationId))
      throw new Error(`conversation ${item.conversationId} is already queued`);
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = this.items[middle];
      if (other !== undefined && this.compare(other, item) <= 0) low = middle + 1;
      else high = middle;
    }
    this.items.splice(low, 0, item);
  }

  /** Removes the conversation; false when it was not queued. */
  remove(conversationId: string): boolean {
    const index = this.items.findIndex((item) => item.conversationId === conversationId);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  private compare(a: Item, b: Item): number {
    return this.rankOf(a) - this.rankOf(b) || a.enqueuedAtMs - b.enqueuedAtMs || a.sequence - b.sequence;
  }
}
