/**
 * How long the event loop has been held since it last got a turn, shared by every pacer in the process:
 * each pacer alone keeping to a slice still lets two of them, or a chain of awaited continuations, hold
 * the loop for several slices in a row. With one clock, all paced work together stops once the slice is
 * spent and the loop polls sockets (health checks, other viewers' frames) before any more of it runs.
 */
export interface LoopSlice {
  /** Whether the work run since the event loop's last turn has used up the slice. */
  spent(): boolean;
}

export interface LoopSliceOptions {
  /** Work run in one go, at most about this long, before the event loop gets a turn. Default 8 ms. */
  sliceMs?: number;
  nowMs?: () => number;
  /** Runs a callback on the event loop's next turn; injected so tests can step it. Default `setImmediate`. */
  defer?: (callback: () => void) => void;
}

export function createLoopSlice(options: LoopSliceOptions = {}): LoopSlice {
  const sliceMs = options.sliceMs ?? 8;
  const nowMs = options.nowMs ?? (() => performance.now());
  const defer = options.defer ?? ((callback) => void setImmediate(callback));
  let startedAt = 0;
  let holding = false;
  return {
    spent() {
      // The first paced work since the loop's last turn starts a stretch; the next turn ends it.
      if (!holding) {
        holding = true;
        startedAt = nowMs();
        defer(() => (holding = false));
      }
      return nowMs() - startedAt >= sliceMs;
    },
  };
}

/** The process's one clock (tests build their own). */
export const processLoopSlice: LoopSlice = createLoopSlice();
