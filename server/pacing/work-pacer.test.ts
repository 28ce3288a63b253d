import { describe, expect, it } from 'vitest';
import { createLoopSlice } from './loop-slice.js';
import { createWorkPacer } from './work-pacer.js';

/** A fake clock and event loop: work costs `costMs` each; one turn runs every callback deferred before it. */
function fakeLoop() {
  let now = 0;
  const deferred: (() => void)[] = [];
  const defer = (callback: () => void) => void deferred.push(callback);
  const slice = createLoopSlice({ sliceMs: 8, nowMs: () => now, defer });
  return {
    slice,
    pacer: () => createWorkPacer({ slice, defer }),
    cost: (ms: number) => (now += ms),
    loopTurn: () => deferred.splice(0).forEach((callback) => callback()),
  };
}

describe('the work pacer', () => {
  it('serves keys in turn, so one key’s backlog does not stand in front of another key’s work', async () => {
    const loop = fakeLoop();
    const pacer = loop.pacer();
    const ran: string[] = [];
    const work = (name: string) => () => {
      ran.push(name);
      loop.cost(1);
    };
    for (let index = 1; index <= 5; index++) void pacer.run(work(`flood-${index}`), { key: '127.0.0.2' });
    const victim = pacer.run(work('victim'), { key: '127.0.0.250' });
    loop.loopTurn();
    await victim;
    expect(ran.slice(0, 2)).toEqual(['flood-1', 'victim']);
    expect(ran).toHaveLength(6);
  });

  it('shares one slice between pacers: together they hold the event loop no longer than one slice', () => {
    const loop = fakeLoop();
    const first = loop.pacer();
    const second = loop.pacer();
    const ran: string[] = [];
    for (let index = 0; index < 4; index++) {
      void first.run(() => (ran.push(`first-${index}`), loop.cost(3)));
      void second.run(() => (ran.push(`second-${index}`), loop.cost(3)));
    }
    loop.loopTurn();
    // 3 ms each and an 8 ms slice: three pieces of work in all in this turn. Alone, each pacer would have
    // run three, six together. Each pacer still moves by at least one piece.
    expect(ran).toEqual(['first-0', 'first-1', 'first-2', 'second-0']);
    loop.loopTurn();
    loop.loopTurn();
    expect(ran).toHaveLength(8);
  });

  it('drops work whose signal aborted while it waited, and passes on what the work throws', async () => {
    const loop = fakeLoop();
    const pacer = loop.pacer();
    const controller = new AbortController();
    const dropped = pacer.run(() => 'never', { signal: controller.signal });
    const failing = pacer.run(() => {
      throw new Error('broken');
    });
    controller.abort();
    loop.loopTurn();
    await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
    await expect(failing).rejects.toThrow('broken');
  });
});
