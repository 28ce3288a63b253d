import { describe, expect, it } from 'vitest';
import type { QueueLane } from './queue-lane.js';
import { WaitingQueue, type QueuedItem } from './waiting-queue.js';

const order: QueueLane[] = ['urgent', 'high', 'normal'];
const item = (
  conversationId: string,
  lane: QueueLane,
  enqueuedAtMs: number,
  sequence = enqueuedAtMs,
): QueuedItem => ({
  conversationId,
  lane,
  enqueuedAtMs,
  sequence,
});
const ids = (queue: WaitingQueue<QueuedItem>) => queue.ordered().map((queued) => queued.conversationId);

describe('waiting queue', () => {
  it('serves lanes in order and the longest waiting first within a lane', () => {
    const queue = new WaitingQueue<QueuedItem>((queued) => order.indexOf(queued.lane));
    queue.insert(item('normal-old', 'normal', 1));
    queue.insert(item('high-new', 'high', 5));
    queue.insert(item('urgent', 'urgent', 9));
    queue.insert(item('high-old', 'high', 2));
    queue.insert(item('normal-new', 'normal', 3));
    expect(ids(queue)).toEqual(['urgent', 'high-old', 'high-new', 'normal-old', 'normal-new']);
  });

  it('puts a requeued conversation back at its original place', () => {
    const queue = new WaitingQueue<QueuedItem>(() => 0);
    const first = item('first', 'normal', 1);
    queue.insert(first);
    queue.insert(item('second', 'normal', 2));
    queue.insert(item('third', 'normal', 3));
    queue.remove('first');
    queue.insert(first);
    expect(ids(queue)).toEqual(['first', 'second', 'third']);
  });

  it('breaks equal enqueue times by arrival order', () => {
    const queue = new WaitingQueue<QueuedItem>(() => 0);
    queue.insert(item('b', 'normal', 5, 2));
    queue.insert(item('a', 'normal', 5, 1));
    queue.insert(item('c', 'normal', 5, 3));
    expect(ids(queue)).toEqual(['a', 'b', 'c']);
  });

  it('refuses the same conversation twice and reports removing an unknown one', () => {
    const queue = new WaitingQueue<QueuedItem>(() => 0);
    queue.insert(item('a', 'normal', 1));
    expect(() => queue.insert(item('a', 'normal', 2))).toThrow(/already queued/);
    expect(queue.remove('missing')).toBe(false);
    expect(queue.size).toBe(1);
  });
});
