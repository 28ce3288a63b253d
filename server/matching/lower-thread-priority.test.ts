import { existsSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

describe('lowering a thread’s priority', () => {
  it.runIf(existsSync('/proc/thread-self'))(
    'lowers the worker thread and leaves the process as it was',
    async () => {
      const before = getPriority();
      const worker = new Worker(
        `import { register } from 'tsx/esm/api';
       import { parentPort } from 'node:worker_threads';
       import { getPriority } from 'node:os';
       import { readlinkSync } from 'node:fs';
       register();
       const { lowerThreadPriority } = await import(${JSON.stringify(new URL('./lower-thread-priority.ts', import.meta.url).href)});
       const lowered = lowerThreadPriority(10);
       const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
       parentPort.postMessage({ lowered, nice: getPriority(threadId) });`,
        // Module syntax in eval'd code is detected as such (Node ≥ 20.19).
        { eval: true },
      );
      const answer = await new Promise<{ lowered: boolean; nice: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
      expect(answer).toEqual({ lowered: true, nice: Math.max(before, 10) });
      expect(getPriority()).toBe(before);
    },
  );
});
