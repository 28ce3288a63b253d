/**
 * At most `concurrent` tasks at once, and at most `queued` waiting for a turn: past that a task is refused
 * at once rather than queued without end (a burst of voice clips must not open a request each).
 */
export interface WorkGate {
  /** Runs `task` when a place is free; undefined when the queue is full (the task is not run). */
  run<T>(task: () => Promise<T>): Promise<T> | undefined;
  readonly running: number;
  readonly waiting: number;
}

export interface WorkGateLimits {
  concurrent: number;
  queued: number;
}

export function createWorkGate(limits: WorkGateLimits): WorkGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  /** A finished task hands its place to the first one waiting, else frees it. */
  const release = () => {
    const resume = waiting.shift();
    if (resume) resume();
    else running--;
  };
  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    run(task) {
      let turn: Promise<void>;
      if (running < limits.concurrent) {
        running++;
        turn = Promise.resolve();
      } else if (waiting.length < limits.queued) {
        turn = new Promise<void>((resolve) => waiting.push(resolve));
      } else return undefined;
      return turn.then(async () => {
        try {
          return await task();
        } finally {
          release();
        }
      });
    },
  };
}
