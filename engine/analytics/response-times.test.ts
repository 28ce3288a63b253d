import { describe, expect, it } from 'vitest';
import { LogBuilder, time } from './analytics-test-fixtures.js';
import { summarizeDurations } from './duration-summary.js';
import { responseTimes } from './response-times.js';

describe('responseTimes', () => {
  it('measures the AI from the first viewer message to the end of the first turn that said something', () => {
    const a = new LogBuilder('a', { at: time(0) }).viewer(time(0, 10)).aiTurn(time(0, 10), time(0, 12));
    // The first turn was cut off before it said anything: the second one is the first response.
    const b = new LogBuilder('b', { at: time(1) })
      .viewer(time(1, 0))
      .aiTurn(time(1, 0), time(1, 1), { delivered: '' })
      .viewer(time(1, 2))
      .aiTurn(time(1, 2), time(1, 5));
    const c = new LogBuilder('c', { at: time(2) }).viewer(time(2, 0)).aiTurn(time(2, 0), time(2, 3));
    const silent = new LogBuilder('silent', { at: time(3) });
    const result = responseTimes([a, b, c, silent].map((log) => log.timeline()));
    // 2 s, 5 s, 3 s → sorted 2, 3, 5: median 3 s, p90 3 + 0.8 × 2 = 4.6 s, mean 10 / 3 s.
    expect(result.aiFirstResponse).toEqual({ count: 3, medianMs: 3000, p90Ms: 4600, meanMs: 10_000 / 3 });
  });

  it('counts the "a person will help you" reply of an escalating turn, but not an answer after a person had it', () => {
    const escalating = new LogBuilder('e', { at: time(0) })
      .viewer(time(0, 1))
      .handoff(time(0, 2), ['human_request'])
      .add(time(0, 4), {
        type: 'turn-end',
        turnId: 'e-turn-1',
        reason: 'done',
        delivered: 'a person will help',
      });
    const handedBack = new LogBuilder('h', { at: time(0) })
      .viewer(time(0, 1))
      .handoff(time(0, 2), ['human_request'])
      .add(time(0, 2), { type: 'turn-end', turnId: 'h-turn-1', reason: 'done', delivered: '' })
      .queued(time(0, 2))
      .accepted(time(1, 0), 'agent-1')
      .state(time(2, 0), 'human', 'ai')
      .viewer(time(3, 0))
      .aiTurn(time(3, 0), time(3, 1));
    const result = responseTimes([escalating.timeline(), handedBack.timeline()]);
    expect(result.aiFirstResponse).toEqual(summarizeDurations([3000]));
  });

  it('measures people from the queue: first message, time to accept, and each agent hold', () => {
    const served = new LogBuilder('served', { at: time(0) })
      .viewer(time(0, 1))
      .handoff(time(0, 2), ['anger'])
      .queued(time(0, 2))
      .accepted(time(1, 2), 'agent-1')
      .agent(time(1, 32), 'agent-1')
      .agent(time(2, 0), 'agent-1')
      .released(time(3, 2), 'closed', 'agent-1');
    // Transferred after 30 s with agent-1; agent-2 accepts 60 s later and writes first, 20 s after that.
    const transferred = new LogBuilder('transferred', { at: time(10) })
      .queued(time(10, 0))
      .accepted(time(10, 30), 'agent-1')
      .desk({
        type: 'conversation-transferred',
        conversationId: 'transferred',
        fromAgentId: 'agent-1',
        to: { team: 'billing' },
        by: 'agent-1',
        note: 'billing question',
        escalation: false,
        at: time(11, 0),
      })
      .queued(time(11, 0), 'billing')
      .accepted(time(12, 0), 'agent-2')
      .agent(time(12, 20), 'agent-2')
      .released(time(13, 0), 'closed', 'agent-2');
    const abandoned = new LogBuilder('abandoned', { at: time(20) })
      .queued(time(20, 0))
      .released(time(22, 0), 'abandoned');
    const waiting = new LogBuilder('waiting', { at: time(30) }).queued(time(30, 0));
    const result = responseTimes([served, transferred, abandoned, waiting].map((log) => log.timeline()));
    // First agent messages: 90 s (served) and 140 s (12:20 − 10:00, the stay began at the first queue).
    expect(result.humanFirstResponse).toEqual({ ...summarizeDurations([90_000, 140_000]), unanswered: 1 });
    expect(result.humanFirstResponse.medianMs).toBe(115_000);
    // First acceptance: 60 s and 30 s; the abandoned stay never had a person; the waiting one is not over.
    expect(result.timeToPerson).toEqual({ ...summarizeDurations([60_000, 30_000]), abandoned: 1 });
    // Holds: served 120 s; agent-1 30 s until the transfer; agent-2 60 s.
    expect(result.handleTime).toEqual(summarizeDurations([120_000, 30_000, 60_000]));
    expect(result.handleTime).toEqual({ count: 3, medianMs: 60_000, p90Ms: 108_000, meanMs: 70_000 });
  });

  it('counts missed response targets per target, and the conversations that missed any', () => {
    const breach = (conversationId: string, reason: 'first-response' | 'next-response', at: string) => ({
      type: 'sla-breached' as const,
      conversationId,
      reason,
      dueAt: at,
      at,
    });
    const late = new LogBuilder('late', { at: time(0) })
      .queued(time(0, 0))
      .desk(breach('late', 'first-response', time(5, 0)))
      .accepted(time(6, 0), 'agent-1')
      .desk(breach('late', 'next-response', time(9, 0)))
      .desk(breach('late', 'next-response', time(12, 0)));
    const onTime = new LogBuilder('on-time', { at: time(0) })
      .queued(time(0, 0))
      .accepted(time(1, 0), 'agent-1');
    expect(responseTimes([late, onTime].map((log) => log.timeline())).slaBreaches).toEqual({
      firstResponse: 1,
      nextResponse: 2,
      conversations: 1,
    });
  });
});
