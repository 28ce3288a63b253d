import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the calling thread's CPU priority (Linux: a thread's nice value is its own; /proc/thread-self
 * names it). A match thread then yields the core to the event loop when both want it, as on a 2-core node
 * under a burst: health checks and acks stay quick, and answers wait a little longer instead. Elsewhere,
 * or where it is not allowed, nothing changes.
 */
export function lowerThreadPriority(nice: number): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
