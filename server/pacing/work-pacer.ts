export interface WorkPacerOptions {
  /** Work run in one go, at most about this long, before the event loop gets a turn. Default 8 ms. */
  sliceMs?: number;
  nowMs?: () => number;
  /** Gives the event loop a turn; injected so tests can step it. Default `setImmediate`. */
  defer?: (callback: () => void) => void;
}

/** Runs synchronous work later, in slices, so a burst of it never holds the event loop. */
export interface WorkPacer {
  /**
   * Queues `work`; resolves to its result once it has run. Work whose `signal` aborted while it waited
   * is dropped without running (rejected with the signal's reason).
   */
  run<T>(work: () => T, signal?: AbortSignal): Promise<Awaited<T>>;
}

interface Waiting {
  work: () => unknown;
  signal: AbortSignal | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * One queue of synchronous work (matching, reading the signals, taking in a viewer's message), first
 * come first served, run in slices of at most `sliceMs` with a turn of the event loop between slices, so
 * health checks and other viewers' frames are served while a burst is worked through.
 */
export function createWorkPacer(options: WorkPacerOptions = {}): WorkPacer {
  const sliceMs = options.sliceMs ?? 8;
  const nowMs = options.nowMs ?? (() => performance.now());
  const defer = options.defer ?? ((callback) => void setImmediate(callback));
  const queue: Waiting[] = [];
  let scheduled = false;

  const pump = (): void => {
    scheduled = false;
    const started = nowMs();
    while (queue.length > 0 && nowMs() - started < sliceMs) {
      const next = queue.shift()!;
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
    if (queue.length > 0) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    defer(pump);
  };

  return {
    run<T>(work: () => T, signal?: AbortSignal): Promise<Awaited<T>> {
      return new Promise<Awaited<T>>((resolve, reject) => {
        queue.push({ work, signal, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}
