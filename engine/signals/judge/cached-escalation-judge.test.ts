import { describe, expect, it } from 'vitest';
import { LivedeskError } from '../../../knowledge/errors.js';
import type { EscalationJudge, EscalationVerdict, JudgeOptions } from '../../ports.js';
import { createCachedEscalationJudge } from './cached-escalation-judge.js';

const verdict: EscalationVerdict = { wantsPerson: true, anger: 0.2, sensitive: null, language: 'en' };

/** A judge that answers when the test says so, recording each call and whether its signal fired. */
function scriptedJudge() {
  const calls: {
    text: string;
    options: JudgeOptions;
    settle: (outcome: EscalationVerdict | Error) => void;
  }[] = [];
  const judge: EscalationJudge = {
    judge: (text, options) =>
      new Promise((resolve, reject) => {
        calls.push({
          text,
          options,
          settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
        });
      }),
  };
  return { judge, calls };
}

const open = () => new AbortController().signal;

describe('createCachedEscalationJudge', () => {
  it('asks once for the same words, whether they come one after the other or at the same time', async () => {
    const { judge, calls } = scriptedJudge();
    const cached = createCachedEscalationJudge(judge, { capacity: 10 });
    const first = cached.judge('real person pls', { signal: open() });
    const together = cached.judge('real person pls', { signal: open() });
    calls[0]?.settle(verdict);
    await expect(first).resolves.toEqual(verdict);
    await expect(together).resolves.toEqual(verdict);
    await expect(cached.judge('real person pls', { signal: open() })).resolves.toEqual(verdict);
    expect(calls).toHaveLength(1);
  });

  it('does not remember a failure: the next message asks again', async () => {
    const { judge, calls } = scriptedJudge();
    const cached = createCachedEscalationJudge(judge, { capacity: 10 });
    const failing = cached.judge('hello', { signal: open() });
    calls[0]?.settle(new LivedeskError('unavailable', 'bad shape'));
    await expect(failing).rejects.toMatchObject({ code: 'unavailable' });
    const retried = cached.judge('hello', { signal: open() });
    calls[1]?.settle(verdict);
    await expect(retried).resolves.toEqual(verdict);
  });

  it('lets one caller go at its abort while another still waits, and closes the request when none waits', async () => {
    const { judge, calls } = scriptedJudge();
    const cached = createCachedEscalationJudge(judge, { capacity: 10 });
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = cached.judge('x', { signal: leaving.signal });
    const second = cached.judge('x', { signal: staying.signal });
    leaving.abort();
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    expect(calls[0]?.options.signal.aborted).toBe(false);
    staying.abort();
    await expect(second).rejects.toMatchObject({ code: 'aborted' });
    expect(calls[0]?.options.signal.aborted).toBe(true);
  });

  it('passes calls with a history through: their verdict belongs to one conversation', async () => {
    const { judge, calls } = scriptedJudge();
    const cached = createCachedEscalationJudge(judge, { capacity: 10 });
    const one = cached.judge('x', { signal: open(), history: ['a'] });
    const two = cached.judge('x', { signal: open(), history: ['b'] });
    for (const call of calls) call.settle(verdict);
    await Promise.all([one, two]);
    expect(calls).toHaveLength(2);
  });

  it('keys on the language hint too', async () => {
    const { judge, calls } = scriptedJudge();
    const cached = createCachedEscalationJudge(judge, { capacity: 10 });
    const zh = cached.judge('ok', { signal: open(), language: 'zh' });
    const en = cached.judge('ok', { signal: open(), language: 'en' });
    for (const call of calls) call.settle(verdict);
    await Promise.all([zh, en]);
    expect(calls.map((call) => call.options.language)).toEqual(['zh', 'en']);
  });
});
