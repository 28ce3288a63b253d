import { describe, expect, it } from 'vitest';
import { checkStatusMove, nextStatuses } from './ticket-status-moves.js';
import type { TicketStatus } from './ticket.js';

const agent = { supervisor: false };
const supervisor = { supervisor: true };

// from, to, agent may, supervisor may
const TABLE: [TicketStatus, TicketStatus, boolean, boolean][] = [
  ['open', 'open', false, false],
  ['open', 'pending', true, true],
  ['open', 'resolved', true, true],
  ['open', 'closed', false, false],
  ['pending', 'open', true, true],
  ['pending', 'pending', false, false],
  ['pending', 'resolved', true, true],
  ['pending', 'closed', false, false],
  ['resolved', 'open', true, true],
  ['resolved', 'pending', false, false],
  ['resolved', 'resolved', false, false],
  ['resolved', 'closed', true, true],
  ['closed', 'open', false, true],
  ['closed', 'pending', false, false],
  ['closed', 'resolved', false, false],
  ['closed', 'closed', false, false],
];

describe('ticket status moves', () => {
  it.each(TABLE)('%s → %s: agent %s, supervisor %s', (from, to, agentMay, supervisorMay) => {
    expect(checkStatusMove(from, to, agent).ok).toBe(agentMay);
    expect(checkStatusMove(from, to, supervisor).ok).toBe(supervisorMay);
  });

  it('tells an agent that only a supervisor may reopen a closed ticket', () => {
    expect(checkStatusMove('closed', 'open', agent)).toEqual({
      ok: false,
      reason: 'supervisor-only',
      message: 'only a supervisor may reopen a closed ticket',
    });
    expect(checkStatusMove('open', 'closed', supervisor)).toMatchObject({ ok: false, reason: 'illegal' });
  });

  it('offers the console only the moves the person may make', () => {
    expect(nextStatuses('resolved', agent)).toEqual(['open', 'closed']);
    expect(nextStatuses('closed', agent)).toEqual([]);
    expect(nextStatuses('closed', supervisor)).toEqual(['open']);
  });
});
