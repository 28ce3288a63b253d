import { describe, expect, it } from 'vitest';
import { applyTicketUpdate } from './apply-ticket-update.js';
import { AGENT, SUPERVISOR, DEPARTMENT_RULES, ticketFixture } from './ticket-test-fixtures.js';

const at = '2026-06-01T11:00:00.000Z';
const context = { actor: AGENT, at, departments: DEPARTMENT_RULES };

describe('applying a ticket update', () => {
  it('records one history row per changed field, with who, when, before, after and the note', () => {
    const result = applyTicketUpdate(
      ticketFixture(),
      {
        expectedVersion: 3,
        status: 'pending',
        priority: 'high',
        assigneeId: 'u-bob',
        tags: ['coins'],
        note: 'waiting on bank',
      },
      context,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.ticket).toMatchObject({
      version: 4,
      status: 'pending',
      priority: 'high',
      assigneeId: 'u-bob',
      tags: ['coins'],
      updatedAt: at,
    });
    expect(result.value.history).toEqual([
      {
        ticketId: 'T-1',
        at,
        actorId: 'u-agent',
        actorName: 'Ana',
        field: 'status',
        before: 'open',
        after: 'pending',
        comment: 'waiting on bank',
      },
      {
        ticketId: 'T-1',
        at,
        actorId: 'u-agent',
        actorName: 'Ana',
        field: 'priority',
        before: 'normal',
        after: 'high',
        comment: 'waiting on bank',
      },
      {
        ticketId: 'T-1',
        at,
        actorId: 'u-agent',
        actorName: 'Ana',
        field: 'assigneeId',
        before: null,
        after: 'u-bob',
        comment: 'waiting on bank',
      },
      {
        ticketId: 'T-1',
        at,
        actorId: 'u-agent',
        actorName: 'Ana',
        field: 'tags',
        before: [],
        after: ['coins'],
        comment: 'waiting on bank',
      },
    ]);
  });

  it('refuses a stale expected version without changing anything', () => {
    const ticket = ticketFixture();
    const result = applyTicketUpdate(ticket, { expectedVersion: 2, status: 'pending' }, context);
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    expect(ticket.status).toBe('open');
  });

  it('treats values equal to the current ones as no change: no history, same version', () => {
    const result = applyTicketUpdate(
      ticketFixture(),
      { expectedVersion: 3, status: 'open', tags: [] },
      context,
    );
    expect(result).toMatchObject({ ok: true, value: { history: [], ticket: { version: 3 } } });
  });

  it('hands a ticket over to another department only with a note, recorded in history', () => {
    const withoutNote = applyTicketUpdate(
      ticketFixture(),
      { expectedVersion: 3, department: 'finance' },
      context,
    );
    expect(withoutNote).toMatchObject({ ok: false, code: 'invalid_input' });
    const handedOver = applyTicketUpdate(
      ticketFixture(),
      { expectedVersion: 3, department: 'finance', note: 'double charge, please refund' },
      context,
    );
    expect(handedOver).toMatchObject({
      ok: true,
      value: {
        ticket: { department: 'finance' },
        history: [
          {
            field: 'department',
            before: 'general',
            after: 'finance',
            comment: 'double charge, please refund',
          },
        ],
      },
    });
  });

  it('makes the ticket due again by the receiving department’s target when department or priority changes', () => {
    // Finance answers a normal ticket within a day, tech an urgent one within 30 minutes.
    const handedOver = applyTicketUpdate(
      ticketFixture({ dueAt: '2026-06-01T11:30:00.000Z' }),
      { expectedVersion: 3, department: 'finance', note: 'refund needed' },
      context,
    );
    expect(handedOver).toMatchObject({ ok: true, value: { ticket: { dueAt: '2026-06-02T11:00:00.000Z' } } });
    const raised = applyTicketUpdate(
      ticketFixture({ department: 'tech' }),
      { expectedVersion: 3, priority: 'urgent' },
      context,
    );
    expect(raised).toMatchObject({ ok: true, value: { ticket: { dueAt: '2026-06-01T11:30:00.000Z' } } });
    const retitled = applyTicketUpdate(
      ticketFixture({ dueAt: '2026-06-01T11:30:00.000Z' }),
      { expectedVersion: 3, title: 'Coins missing (50 yuan)' },
      context,
    );
    expect(retitled).toMatchObject({ ok: true, value: { ticket: { dueAt: '2026-06-01T11:30:00.000Z' } } });
  });

  it('refuses a department that is not configured', () => {
    const result = applyTicketUpdate(
      ticketFixture(),
      { expectedVersion: 3, department: 'marketing', note: 'x' },
      context,
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    if (!result.ok) expect(result.message).toContain('general, finance, logistics, tech');
  });

  it('refuses an illegal status move as a conflict', () => {
    const result = applyTicketUpdate(ticketFixture(), { expectedVersion: 3, status: 'closed' }, context);
    expect(result).toMatchObject({
      ok: false,
      code: 'conflict',
      message: 'a ticket that is open cannot become closed',
    });
  });

  it('keeps a closed ticket final: agents may not reopen it, nobody may edit it before a reopen', () => {
    const closed = ticketFixture({ status: 'closed' });
    expect(applyTicketUpdate(closed, { expectedVersion: 3, status: 'open' }, context)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      applyTicketUpdate(
        closed,
        { expectedVersion: 3, priority: 'urgent' },
        { ...context, actor: SUPERVISOR },
      ),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      applyTicketUpdate(
        closed,
        { expectedVersion: 3, status: 'open', note: 'viewer wrote again' },
        { ...context, actor: SUPERVISOR },
      ),
    ).toMatchObject({
      ok: true,
      value: {
        ticket: { status: 'open', version: 4 },
        history: [{ field: 'status', actorId: 'u-super', before: 'closed', after: 'open' }],
      },
    });
  });
});
