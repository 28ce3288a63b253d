import { describe, expect, it } from 'vitest';
import { TypingSignal } from './typing-signal.js';

/** A typing signal on a hand-driven clock, recording what it sends. */
function harness(connected = () => true) {
  let nowMs = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextTimer = 1;
  const sent: [string, boolean][] = [];
  const signal = new TypingSignal({
    send: (conversationId, active) => {
      if (!connected()) return false;
      sent.push([conversationId, active]);
      return true;
    },
    repeatMs: 2500,
    idleMs: 4000,
    nowMs: () => nowMs,
    setTimer: (run, ms) => {
      const id = nextTimer++;
      timers.set(id, { at: nowMs + ms, run });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  const advance = (ms: number) => {
    const until = nowMs + ms;
    for (;;) {
      const due = [...timers].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      nowMs = due[1].at;
      due[1].run();
    }
    nowMs = until;
  };
  return { signal, sent, advance };
}

describe('the console’s typing signal', () => {
  it('sends one frame when typing starts, one every 2.5 s while keys are pressed, and a stop after a pause', () => {
    const { signal, sent, advance } = harness();
    // 7 s of typing, a key every 200 ms.
    for (let elapsed = 0; elapsed < 7000; elapsed += 200) {
      signal.keyPressed('c-1');
      advance(200);
    }
    expect(sent).toEqual([
      ['c-1', true],
      ['c-1', true],
      ['c-1', true],
    ]);
    // The last key was at 6.8 s: the stop comes 4 s after it.
    advance(3799);
    expect(sent).toHaveLength(3);
    advance(1);
    expect(sent.at(-1)).toEqual(['c-1', false]);
    advance(60_000);
    expect(sent).toHaveLength(4);
  });

  it('stops at once when the reply goes or the agent turns to another conversation', () => {
    const { signal, sent, advance } = harness();
    signal.keyPressed('c-1');
    signal.keyPressed('c-2');
    expect(sent).toEqual([
      ['c-1', true],
      ['c-1', false],
      ['c-2', true],
    ]);
    signal.stop();
    signal.stop();
    advance(10_000);
    expect(sent).toEqual([
      ['c-1', true],
      ['c-1', false],
      ['c-2', true],
      ['c-2', false],
    ]);
  });

  it('tries again on the next key when a frame could not go out, and sends no stop for a start never sent', () => {
    let online = false;
    const { signal, sent, advance } = harness(() => online);
    signal.keyPressed('c-1');
    advance(5000);
    expect(sent).toEqual([]);
    online = true;
    signal.keyPressed('c-1');
    expect(sent).toEqual([['c-1', true]]);
  });
});
