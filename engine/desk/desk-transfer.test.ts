import { describe, expect, it } from 'vitest';
import { agentProfile, createTestDesk, packet } from './desk-test-fixtures.js';

describe('transfer and escalation', () => {
  it('transfers to a team with the packet and a note, never back to the agent who sent it', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', teams: ['support', 'finance'] }));
    desk.upsertAgent(agentProfile({ id: 'bo', teams: ['finance'] }));
    const original = packet('c1');
    desk.handoff(original);
    desk.accept('ana', 'c1');
    const events = desk.transfer(
      'c1',
      { team: 'finance' },
      { by: 'ana', note: 'double charge on the top-up' },
    );
    expect(events).toMatchObject([
      {
        type: 'conversation-transferred',
        conversationId: 'c1',
        fromAgentId: 'ana',
        to: { team: 'finance' },
        note: 'double charge on the top-up',
        escalation: false,
      },
      { type: 'conversation-queued', conversationId: 'c1', team: 'finance' },
      { type: 'conversation-assigned', conversationId: 'c1', agentId: 'bo' },
    ]);
    expect(desk.conversation('c1')).toMatchObject({
      packet: original,
      team: 'finance',
      transfers: [
        { by: 'ana', note: 'double charge on the top-up', fromAgentId: 'ana', to: { team: 'finance' } },
      ],
    });
    expect(desk.agent('ana')?.load).toBe(0);
  });

  it('transfers to a named agent at once when they have room', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    desk.upsertAgent(agentProfile({ id: 'bo', teams: [] }));
    expect(desk.transfer('c1', { agentId: 'bo' }, { by: 'ana', note: 'your regular' }).at(-1)).toMatchObject({
      type: 'conversation-assigned',
      agentId: 'bo',
    });
  });

  it('keeps a transfer to a full agent waiting for that agent only', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 }));
    desk.upsertAgent(agentProfile({ id: 'bo', capacity: 1 }));
    desk.handoff(packet('c1'));
    desk.handoff(packet('c2'));
    desk.accept('ana', 'c1');
    desk.accept('bo', 'c2');
    desk.transfer('c1', { agentId: 'bo' }, { by: 'ana', note: 'Bo handled this viewer yesterday' });
    desk.upsertAgent(agentProfile({ id: 'cy', capacity: 1 }));
    expect(desk.conversation('c1')).toMatchObject({ status: 'queued', pinnedAgentId: 'bo' });
    expect(desk.release('c2', 'closed').at(-1)).toMatchObject({
      type: 'conversation-assigned',
      conversationId: 'c1',
      agentId: 'bo',
    });
  });

  it('refuses a transfer to an offline agent or to the agent who already holds it', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.upsertAgent(agentProfile({ id: 'zed', presence: 'offline' }));
    desk.handoff(packet('c1'));
    expect(() => desk.transfer('c1', { agentId: 'zed' }, { by: 'ana', note: '' })).toThrow(/offline/);
    expect(() => desk.transfer('c1', { agentId: 'ana' }, { by: 'ana', note: '' })).toThrow(/already with/);
    expect(() => desk.transfer('missing', { team: 'x' }, { by: 'ana', note: '' })).toThrow(
      expect.objectContaining({ code: 'not_found' }) as Error,
    );
  });

  it('escalates to the supervisor team in one call, ahead of normal waits', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.upsertAgent(agentProfile({ id: 'sue', teams: ['supervisor'], capacity: 1 }));
    desk.handoff(packet('waiting-for-sue', { team: 'supervisor' }));
    desk.accept('sue', 'waiting-for-sue');
    desk.handoff(packet('older', { team: 'supervisor' }));
    clock.advance(1_000);
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    const events = desk.escalateToSupervisor('c1', { by: 'ana', note: 'threatens a chargeback' });
    expect(events[0]).toMatchObject({
      type: 'conversation-transferred',
      to: { team: 'supervisor' },
      escalation: true,
    });
    expect(desk.conversation('c1')).toMatchObject({ team: 'supervisor', lane: 'high', status: 'queued' });
    expect(desk.snapshot().waiting.map((entry) => entry.conversationId)).toEqual(['c1', 'older']);
  });

  it('records the handle time of a closed conversation in the estimate', () => {
    const { desk, clock } = createTestDesk({ handleTime: { alpha: 0.5, initialMs: 100_000 } });
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    clock.advance(30_000);
    desk.accept('ana', 'c1');
    clock.advance(60_000);
    expect(desk.release('c1', 'closed')).toMatchObject([
      { type: 'conversation-released', agentId: 'ana', reason: 'closed', handleMs: 60_000 },
    ]);
    expect(desk.snapshot().averageHandleMs).toBe(80_000);
  });
});

describe('transfer lanes and restored handoffs', () => {
  it('moves a conversation transferred to the complaints team into the high lane', () => {
    const { desk } = createTestDesk();
    desk.handoff(packet('c1'));
    desk.transfer('c1', { team: 'complaints' }, { by: 'ana', note: 'wants to complain about the host' });
    expect(desk.conversation('c1')).toMatchObject({ lane: 'high', team: 'complaints' });
  });

  it('puts a restored handoff back at its original enqueue time', () => {
    const { desk, clock } = createTestDesk();
    clock.advance(10_000);
    desk.handoff(packet('new'));
    desk.handoff(packet('restored'), { enqueuedAt: new Date('2025-01-01T00:00:01.000Z') });
    expect(desk.snapshot().waiting.map((entry) => [entry.conversationId, entry.waitedMs])).toEqual([
      ['restored', 9_000],
      ['new', 0],
    ]);
  });
});
