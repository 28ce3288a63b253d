import { describe, expect, it } from 'vitest';
import { createWorkGate } from './work-gate.js';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('a work gate: bounded concurrency with a bounded queue', () => {
  it('runs at most `concurrent` at once, queues up to `queued` in order, and refuses past that', async () => {
    const gate = createWorkGate({ concurrent: 2, queued: 1 });
    const started: number[] = [];
    const holds = [deferred(), deferred(), deferred()];
    const runs = holds.map((hold, index) =>
      gate.run(async () => {
        started.push(index);
        await hold.promise;
        return index;
      }),
    );
    expect(gate.run(() => Promise.resolve('refused'))).toBeUndefined();
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([gate.running, gate.waiting]).toEqual([2, 1]);
    holds[1]!.resolve();
    expect(await runs[1]).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    // The finished task's place went to the waiting one: still two running, none waiting.
    expect(started).toEqual([0, 1, 2]);
    expect([gate.running, gate.waiting]).toEqual([2, 0]);
    holds[0]!.resolve();
    holds[2]!.resolve();
    expect(await Promise.all([runs[0], runs[2]])).toEqual([0, 2]);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('frees the place of a task that failed', async () => {
    const gate = createWorkGate({ concurrent: 1, queued: 0 });
    await expect(gate.run(() => Promise.reject(new Error('recogniser down')))).rejects.toThrow(
      'recogniser down',
    );
    expect(await gate.run(() => Promise.resolve('next'))).toBe('next');
  });
});
