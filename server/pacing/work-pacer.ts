import { processLoopSlice, type LoopSlice } from './loop-slice.js';

export interface WorkPacerOptions {
  /** The clock shared with the process's other pacers (default: processLoopSlice). */
  slice?: LoopSlice;
  /** Gives the event loop a turn; injected so tests can step it. Default `setImmediate`. */
  defer?: (callback: () => void) => void;
}

export interface PacedWorkOptions {
  /** Work whose signal aborted while it waited is dropped without running (rejected with the reason). */
  signal?: AbortSignal | undefined;
  /**
   * Whose work this is (a client address, a conversation): keys take turns, so one key's backlog never
   * stands in front of another key's first piece of work. Default: one shared key.
   */
  key?: string | undefined;
}

/** Runs synchronous work later, in slices, so a burst of it never holds the event loop. */
export interface WorkPacer {
  /** Queues `work`; resolves to its result once it has run. */
  run<T>(work: () => T, options?: PacedWorkOptions): Promise<Awaited<T>>;
}

interface Waiting {
  work: () => unknown;
  signal: AbortSignal | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const SHARED_KEY = '';

/**
 * Queues of synchronous work (matching, reading the signals, taking in a viewer's message), one per key,
 * served in turn (round robin), each first come first served, run while the shared loop slice lasts with a
 * turn of the event loop between slices, so health checks and other viewers' frames are served while a
 * burst is worked through, and a flood from one address delays another address by one piece of work.
 */
export function createWorkPacer(options: WorkPacerOptions = {}): WorkPacer {
  const slice = options.slice ?? processLoopSlice;
  const defer = options.defer ?? ((callback) => void setImmediate(callback));
  // A Map keeps insertion order: the key served last is deleted and set again to move it to the back.
  const queues = new Map<string, Waiting[]>();
  let scheduled = false;

  const takeNext = (): Waiting | undefined => {
    for (const [key, queue] of queues) {
      const next = queue.shift();
      queues.delete(key);
      if (queue.length > 0) queues.set(key, queue);
      if (next) return next;
    }
    return undefined;
  };

  const pump = (): void => {
    scheduled = false;
    // At least one piece of work per turn, so paced work always moves even when other work spent the slice.
    let first = true;
    while (queues.size > 0) {
      if (slice.spent() && !first) break;
      first = false;
      const next = takeNext();
      if (!next) break;
      if (next.signal?.aborted) {
        next.reject(next.signal.reason);
        continue;
      }
      try {
        next.resolve(next.work());
      } catch (error) {
        next.reject(error);
      }
    }
    if (queues.size > 0) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    defer(pump);
  };

  return {
    run<T>(work: () => T, runOptions: PacedWorkOptions = {}): Promise<Awaited<T>> {
      return new Promise<Awaited<T>>((resolve, reject) => {
        const key = runOptions.key ?? SHARED_KEY;
        const queue = queues.get(key);
        const waiting = {
          work,
          signal: runOptions.signal,
          resolve: resolve as (value: unknown) => void,
          reject,
        };
        if (queue) queue.push(waiting);
        else queues.set(key, [waiting]);
        schedule();
      });
    },
  };
}
