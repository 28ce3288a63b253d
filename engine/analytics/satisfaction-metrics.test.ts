import { describe, expect, it } from 'vitest';
import { agentTable } from './agent-table.js';
import { LogBuilder, time } from './analytics-test-fixtures.js';
import { satisfactionMetrics } from './satisfaction-metrics.js';

const options = { reopenWindowMs: 3_600_000, asOfMs: Date.parse(time(600)) };

function conversations() {
  return [
    new LogBuilder('ai-happy', { at: time(0) })
      .viewer(time(0, 5))
      .state(time(1), 'ai', 'closed')
      .rated(time(1), { at: time(2), score: 5, comment: 'quick!' }),
    new LogBuilder('ai-silent', { at: time(0) }).state(time(1), 'ai', 'closed').rated(time(1)),
    new LogBuilder('agent-1-a', { at: time(0) })
      .handoff(time(1), ['human_request'])
      .queued(time(1))
      .accepted(time(2), 'agent-1')
      .agent(time(3), 'agent-1')
      .released(time(12), 'closed', 'agent-1')
      .state(time(12), 'human', 'closed')
      .rated(time(12), { at: time(13), score: 2, comment: 'slow' }),
    new LogBuilder('agent-1-b', { at: time(0) })
      .handoff(time(1), ['anger'])
      .queued(time(1))
      .accepted(time(5), 'agent-1')
      .agent(time(6), 'agent-1')
      .released(time(8), 'closed', 'agent-1')
      .state(time(8), 'human', 'closed')
      .rated(time(8), { at: time(9), score: 4 }),
    // Transferred: the rating is the last agent's.
    new LogBuilder('agent-2', { at: time(0) })
      .handoff(time(1), ['sensitive'])
      .queued(time(1))
      .accepted(time(2), 'agent-1')
      .desk({
        type: 'conversation-transferred',
        conversationId: 'agent-2',
        fromAgentId: 'agent-1',
        to: { agentId: 'agent-2' },
        by: 'agent-1',
        note: '',
        escalation: false,
        at: time(4),
      })
      .queued(time(4))
      .accepted(time(5), 'agent-2')
      .agent(time(6), 'agent-2')
      .released(time(10), 'closed', 'agent-2')
      .state(time(10), 'human', 'closed')
      .rated(time(10), { at: time(11), score: 3, comment: '=HYPERLINK("x")' }),
  ].map((log) => log.timeline());
}

describe('satisfactionMetrics', () => {
  it('averages, distributes and rates responses overall, per agent and for AI-only conversations', () => {
    const result = satisfactionMetrics(conversations(), options);
    expect(result.overall).toEqual({
      requests: 5,
      ratings: 4,
      responseRate: 4 / 5,
      averageScore: (5 + 2 + 4 + 3) / 4,
      distribution: [0, 1, 1, 1, 1],
    });
    expect(result.aiOnly).toEqual({
      requests: 2,
      ratings: 1,
      responseRate: 1 / 2,
      averageScore: 5,
      distribution: [0, 0, 0, 0, 1],
    });
    expect(result.byAgent['agent-1']).toMatchObject({ requests: 2, ratings: 2, averageScore: 3 });
    expect(result.byAgent['agent-2']).toMatchObject({ requests: 1, ratings: 1, averageScore: 3 });
    expect(result.comments.map((comment) => [comment.comment, comment.agentId])).toEqual([
      ['slow', 'agent-1'],
      ['=HYPERLINK("x")', 'agent-2'],
      ['quick!', undefined],
    ]);
  });
});

describe('agentTable', () => {
  it('lists handled conversations, median first response and handle time, and satisfaction per agent', () => {
    const rows = agentTable(conversations(), options);
    expect(rows).toEqual([
      {
        agentId: 'agent-1',
        // agent-1-a, agent-1-b and agent-2 (before the transfer).
        conversationsHandled: 3,
        // First messages 2 min (agent-1-a) and 5 min (agent-1-b) after queueing.
        medianFirstResponseMs: 210_000,
        // Holds: 10 min, 3 min, 2 min (until the transfer).
        medianHandleMs: 180_000,
        messages: 2,
        averageScore: 3,
        ratings: 2,
        responseRate: 1,
      },
      {
        agentId: 'agent-2',
        conversationsHandled: 1,
        medianFirstResponseMs: 300_000,
        medianHandleMs: 300_000,
        messages: 1,
        averageScore: 3,
        ratings: 1,
        responseRate: 1,
      },
    ]);
  });
});
