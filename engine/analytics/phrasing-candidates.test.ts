import { describe, expect, it } from 'vitest';
import { LogBuilder, time } from './analytics-test-fixtures.js';
import { phrasingCandidates } from './phrasing-candidates.js';

function sequenced(log: LogBuilder) {
  return log.events.map((event, index) => ({ ...event, sequence: index + 1 }));
}

describe('phrasingCandidates', () => {
  it('proposes the unanswered questions as phrasings of the entry an agent answered with', () => {
    const log = new LogBuilder('c', { at: time(0) })
      .viewer(time(0, 1), 'how do i cash out my diamonds')
      .aiTurn(time(0, 1), time(0, 2), { question: 'how do i cash out my diamonds', outcome: 'decline' })
      .viewer(time(0, 30), 'diamonds to bank card??')
      .handoff(time(0, 31), ['repetition'], 'support', 'diamonds to bank card??')
      .queued(time(0, 31))
      .accepted(time(1, 0), 'agent-1')
      .agent(time(1, 10), 'agent-1')
      .agent(time(1, 30), 'agent-1', ['diamonds.withdraw'])
      .agent(time(2, 0), 'agent-1', ['diamonds.fees']);
    const candidates = phrasingCandidates('c', sequenced(log));
    expect(candidates.map((candidate) => [candidate.entryId, candidate.question, candidate.agentId])).toEqual(
      [
        ['diamonds.withdraw', 'how do i cash out my diamonds', 'agent-1'],
        ['diamonds.withdraw', 'diamonds to bank card??', 'agent-1'],
      ],
    );
    expect(candidates[0]).toMatchObject({ conversationId: 'c', locale: 'en', at: time(1, 30) });
  });

  it('does not propose the words of a request for a person, nor anything the AI was never asked', () => {
    const humanRequest = new LogBuilder('h', { at: time(0) })
      .viewer(time(0, 1), 'let me talk to a human')
      .handoff(time(0, 1), ['human_request', 'low_confidence'], 'support', 'let me talk to a human')
      .queued(time(0, 1))
      .accepted(time(1), 'agent-1')
      .agent(time(2), 'agent-1', ['coins.top-up']);
    expect(phrasingCandidates('h', sequenced(humanRequest))).toEqual([]);
  });

  it('starts afresh when the conversation goes back to the AI', () => {
    const log = new LogBuilder('b', { at: time(0) })
      .viewer(time(0, 1), 'where is the replay')
      .aiTurn(time(0, 1), time(0, 2), { question: 'where is the replay', outcome: 'clarify' })
      .handoff(time(0, 3), ['low_confidence'], 'support', 'where is the replay of yesterday')
      .queued(time(0, 3))
      .accepted(time(1), 'agent-1')
      .state(time(2), 'human', 'ai')
      .state(time(3), 'ai', 'pending_human')
      .agent(time(4), 'agent-1', ['streams.replay']);
    expect(phrasingCandidates('b', sequenced(log))).toEqual([]);
  });
});
