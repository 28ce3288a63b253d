import type { Scheduler } from '../../engine/conversation/conversation.js';

export interface CoalescedTask {
  /** Asks for a run: at once if the last one is old enough, else once when the interval has passed. */
  request(): void;
  /** Drops a pending run; later requests work again. */
  cancel(): void;
}

/**
 * Runs `task` at most once per `minIntervalMs`, however often it is requested: a burst of desk changes
 * becomes one queue broadcast with the state as it is when it runs.
 */
export function createCoalescedTask(
  task: () => void,
  options: { minIntervalMs: number; schedule: Scheduler; nowMs: () => number },
): CoalescedTask {
  let lastRunMs = Number.NEGATIVE_INFINITY;
  let cancelPending: (() => void) | undefined;
  const run = (): void => {
    cancelPending = undefined;
    lastRunMs = options.nowMs();
    task();
  };
  return {
    request() {
      if (cancelPending) return;
      const waitMs = Math.max(0, lastRunMs + options.minIntervalMs - options.nowMs());
      cancelPending = options.schedule(run, waitMs);
    },
    cancel() {
      cancelPending?.();
      cancelPending = undefined;
    },
  };
}
