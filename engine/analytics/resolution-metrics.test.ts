import { describe, expect, it } from 'vitest';
import { LogBuilder, time } from './analytics-test-fixtures.js';
import { conversationSessions } from './conversation-sessions.js';
import { resolutionMetrics } from './resolution-metrics.js';

const HOUR = 3_600_000;
const options = { reopenWindowMs: HOUR, asOfMs: Date.parse(time(600)) };

describe('conversationSessions', () => {
  it('keeps a reopen within the window in the same session and starts a new one after it', () => {
    const log = new LogBuilder('c', { at: time(0) })
      .state(time(5), 'ai', 'closed')
      .state(time(30), 'closed', 'ai')
      .state(time(40), 'ai', 'closed')
      .state(time(200), 'closed', 'ai');
    const sessions = conversationSessions(log.timeline(), options);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({
      startedAt: time(0),
      closedAt: time(40),
      outcome: 'ended',
      reopenedWithinWindow: true,
      aiClosesReopened: 1,
    });
    expect(sessions[1]).toMatchObject({ startedAt: time(200), outcome: 'open' });
  });

  it('leaves a close younger than the window pending', () => {
    const log = new LogBuilder('c', { at: time(0) }).state(time(590), 'ai', 'closed');
    expect(conversationSessions(log.timeline(), options)[0]?.outcome).toBe('pending');
  });
});

describe('resolutionMetrics', () => {
  it('computes AI resolution, escalation by reason and first-contact resolution by hand', () => {
    const logs = [
      // Closed with the AI only: resolved by the AI at first contact.
      new LogBuilder('ai-1', { at: time(0) })
        .viewer(time(0, 5))
        .aiTurn(time(0, 5), time(0, 6))
        .state(time(5), 'ai', 'closed'),
      // The viewer went quiet after an answer: resolved by the AI at first contact.
      new LogBuilder('ai-idle', { at: time(0) }).viewer(time(0, 5)).aiTurn(time(0, 5), time(0, 6)),
      // The viewer went quiet after the AI declined: not resolved.
      new LogBuilder('ai-declined', { at: time(0) })
        .viewer(time(0, 5))
        .aiTurn(time(0, 5), time(0, 6))
        .viewer(time(1))
        .aiTurn(time(1), time(1, 1), { outcome: 'decline' }),
      // Closed by the AI, reopened within the hour, then closed for good: AI-resolved, not first contact.
      new LogBuilder('ai-reopened', { at: time(0) })
        .viewer(time(0, 5))
        .state(time(5), 'ai', 'closed')
        .viewer(time(20))
        .state(time(20), 'closed', 'ai')
        .state(time(25), 'ai', 'closed'),
      // One agent, closed: first contact, not AI.
      new LogBuilder('agent', { at: time(0) })
        .viewer(time(0, 30))
        .handoff(time(1), ['low_confidence', 'repetition'])
        .queued(time(1))
        .accepted(time(2), 'agent-1')
        .released(time(9), 'closed', 'agent-1')
        .state(time(9), 'human', 'closed'),
      // Requeued after an agent had it (agent went offline): not first contact.
      new LogBuilder('requeued', { at: time(0) })
        .viewer(time(0, 30))
        .handoff(time(1), ['anger'])
        .queued(time(1))
        .accepted(time(2), 'agent-1')
        .desk({
          type: 'conversation-requeued',
          conversationId: 'requeued',
          reason: 'agent-offline',
          previousAgentId: 'agent-1',
          at: time(3),
        })
        .accepted(time(4), 'agent-2')
        .released(time(9), 'closed', 'agent-2')
        .state(time(9), 'human', 'closed'),
      // Escalated by a person (no handoff packet), still waiting: open however long ago.
      new LogBuilder('manual', { at: time(0) }).viewer(time(0, 30)).state(time(1), 'ai', 'pending_human'),
      // Closed ten minutes before "now": pending, not judged.
      new LogBuilder('recent', { at: time(0) }).viewer(time(585)).state(time(590), 'ai', 'closed'),
      // Still talking to the AI five minutes ago: open.
      new LogBuilder('talking', { at: time(0) }).viewer(time(595)),
      // Opened, never written in: not a contact.
      new LogBuilder('empty', { at: time(0) }),
    ];
    const result = resolutionMetrics(
      logs.map((log) => log.timeline()),
      options,
    );
    expect(result).toMatchObject({
      conversations: 9,
      empty: 1,
      // ai-1, ai-idle, ai-declined, ai-reopened, agent, requeued.
      sessionsEnded: 6,
      sessionsPending: 1,
      sessionsOpen: 2,
      // ai-1, ai-idle, ai-reopened.
      aiResolved: 3,
      aiResolutionRate: 3 / 6,
      aiUnanswered: 1,
      aiClosesReopened: 1,
      // ai-1, ai-idle and agent.
      firstContact: { judged: 6, resolved: 3, rate: 3 / 6 },
    });
    expect(result.escalation).toEqual({
      conversations: 9,
      escalated: 3,
      rate: 3 / 9,
      byReason: {
        low_confidence: { conversations: 1, rate: 1 / 9 },
        anger: { conversations: 1, rate: 1 / 9 },
        human_request: { conversations: 0, rate: 0 },
        sensitive: { conversations: 0, rate: 0 },
        public_threat: { conversations: 0, rate: 0 },
        churn: { conversations: 0, rate: 0 },
        repetition: { conversations: 1, rate: 1 / 9 },
        other: { conversations: 1, rate: 1 / 9 },
      },
    });
  });

  it('reports unknown rates as null, not zero, when nothing is judged', () => {
    const result = resolutionMetrics([], options);
    expect(result.aiResolutionRate).toBeNull();
    expect(result.escalation.rate).toBeNull();
    expect(result.firstContact.rate).toBeNull();
  });
});
