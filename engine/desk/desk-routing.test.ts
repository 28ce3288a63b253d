import { describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import { routingModeSettings } from './desk-config.js';
import type { DeskEvent } from './desk-events.js';
import { agentProfile, createTestDesk, packet } from './desk-test-fixtures.js';

const assigned = (events: DeskEvent[]) =>
  events.flatMap((event) =>
    event.type === 'conversation-assigned' ? [[event.conversationId, event.agentId]] : [],
  );

describe('desk routing', () => {
  it('queues a handoff while no agent is online and offers the longest waiting first when one arrives', () => {
    const { desk, clock } = createTestDesk();
    expect(desk.handoff(packet('c1')).map((event) => event.type)).toEqual(['conversation-queued']);
    clock.advance(1_000);
    desk.handoff(packet('c2'));
    const events = desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 }));
    expect(assigned(events)).toEqual([['c1', 'ana']]);
    expect(desk.conversation('c2')?.status).toBe('queued');
  });

  it('offers a handoff at once, reserving the slot, when an agent is free', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    expect(assigned(desk.handoff(packet('c1')))).toEqual([['c1', 'ana']]);
    expect(desk.agent('ana')).toMatchObject({ offeredConversationIds: ['c1'], load: 1 });
  });

  it('offers only to agents with the packet team as a team or a skill, without blocking other teams', () => {
    const { desk, clock } = createTestDesk(routingModeSettings('skill-based'));
    desk.upsertAgent(agentProfile({ id: 'ana', teams: ['support'], capacity: 1 }));
    desk.upsertAgent(agentProfile({ id: 'bo', teams: [], skills: ['finance'], capacity: 1 }));
    desk.handoff(packet('support-1'));
    clock.advance(1);
    expect(assigned(desk.handoff(packet('support-2')))).toEqual([]);
    clock.advance(1);
    desk.handoff(packet('vip-1', { team: 'vip-care' }));
    clock.advance(1);
    // Waiting support and vip conversations ahead of it do not stop a finance one reaching Bo.
    expect(assigned(desk.handoff(packet('finance-1', { team: 'finance' })))).toEqual([['finance-1', 'bo']]);
    expect(desk.conversation('vip-1')?.status).toBe('queued');
  });

  it('round robin offers in turn across the agents', () => {
    const { desk } = createTestDesk(routingModeSettings('round-robin'));
    for (const id of ['ana', 'bo', 'cy']) desk.upsertAgent(agentProfile({ id, capacity: 5, teams: [] }));
    const events = ['c1', 'c2', 'c3', 'c4'].flatMap((id) => desk.handoff(packet(id)));
    expect(assigned(events)).toEqual([
      ['c1', 'ana'],
      ['c2', 'bo'],
      ['c3', 'cy'],
      ['c4', 'ana'],
    ]);
  });

  it('least busy offers to the agent holding the fewest conversations', () => {
    const { desk, clock } = createTestDesk(routingModeSettings('least-busy'));
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 5 }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    clock.advance(1);
    desk.handoff(packet('c2'));
    clock.advance(1);
    desk.upsertAgent(agentProfile({ id: 'bo', capacity: 5 }));
    expect(assigned(desk.handoff(packet('c3')))).toEqual([['c3', 'bo']]);
    clock.advance(1);
    expect(assigned(desk.handoff(packet('c4')))).toEqual([['c4', 'bo']]);
    clock.advance(1);
    // Tied at two each: Bo was offered one more recently, so Ana gets it.
    expect(assigned(desk.handoff(packet('c5')))).toEqual([['c5', 'ana']]);
  });

  it('serves urgent, then VIP and complaints, then normal when capacity frees', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1, teams: ['support', 'complaints'] }));
    desk.handoff(packet('busy'));
    desk.accept('ana', 'busy');
    for (const [id, overrides] of [
      ['normal', {}],
      ['vip', { viewer: { viewerId: 'v', tier: 'vip' as const, locale: 'en' as const } }],
      ['complaint', { team: 'complaints' }],
      ['urgent', { priority: 'urgent' as const }],
    ] as const) {
      clock.advance(1_000);
      desk.handoff(packet(id, overrides));
    }
    const served: string[] = [];
    let current = 'busy';
    for (let round = 0; round < 4; round++) {
      const events = desk.release(current, 'closed');
      const next = assigned(events)[0]?.[0];
      expect(next).toBeDefined();
      current = next ?? '';
      desk.accept('ana', current);
      served.push(current);
    }
    expect(served).toEqual(['urgent', 'vip', 'complaint', 'normal']);
  });

  it('serves strictly oldest first without priority lanes, and follows a configured lane order', () => {
    for (const [config, expected] of [
      [{ priorityLanes: false }, 'normal'],
      [{ laneOrder: ['normal', 'high', 'urgent'] as const }, 'normal'],
      [{}, 'urgent'],
    ] as const) {
      const { desk, clock } = createTestDesk({
        ...config,
        laneOrder: [...(config.laneOrder ?? ['urgent', 'high', 'normal'])],
      });
      desk.handoff(packet('normal'));
      clock.advance(1_000);
      desk.handoff(packet('urgent', { priority: 'urgent' }));
      expect(assigned(desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 })))).toEqual([
        [expected, 'ana'],
      ]);
    }
  });

  it('never offers past capacity, and a capacity cut takes nothing away', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 2 }));
    for (const id of ['c1', 'c2', 'c3']) desk.handoff(packet(id));
    expect(desk.agent('ana')?.load).toBe(2);
    desk.updateAgent('ana', { capacity: 1 });
    expect(desk.agent('ana')).toMatchObject({ load: 2, freeSlots: 0 });
    expect(assigned(desk.release('c1', 'closed'))).toEqual([]);
    expect(assigned(desk.release('c2', 'closed'))).toEqual([['c3', 'ana']]);
  });

  it('offers the freed slot the next waiting conversation that agent can take', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1, teams: ['support'] }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    clock.advance(1);
    desk.handoff(packet('finance-old', { team: 'finance' }));
    clock.advance(1);
    desk.handoff(packet('support-next'));
    const events = desk.release('c1', 'closed');
    expect(events.map((event) => event.type)).toEqual(['conversation-released', 'conversation-assigned']);
    expect(assigned(events)).toEqual([['support-next', 'ana']]);
  });

  it('gives an away agent nothing new, takes back their offers at once and leaves them what they accepted', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 3 }));
    desk.upsertAgent(agentProfile({ id: 'bo', capacity: 3, presence: 'away' }));
    desk.handoff(packet('held'));
    desk.accept('ana', 'held');
    clock.advance(1);
    desk.handoff(packet('offered'));
    const away = desk.setPresence('ana', 'away');
    expect(away).toContainEqual(
      expect.objectContaining({
        type: 'conversation-requeued',
        conversationId: 'offered',
        reason: 'agent-away',
        previousAgentId: 'ana',
      }),
    );
    expect(desk.agent('ana')).toMatchObject({ offeredConversationIds: [], activeConversationIds: ['held'] });
    expect(assigned(desk.handoff(packet('new')))).toEqual([]);
    // Bo comes online: the offer Ana gave up goes to him at once.
    expect(assigned(desk.setPresence('bo', 'online'))).toEqual([
      ['offered', 'bo'],
      ['new', 'bo'],
    ]);
  });

  it('starts the handle time on accept and refuses an accept for an offer made to someone else', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.upsertAgent(agentProfile({ id: 'bo' }));
    desk.handoff(packet('c1'));
    const holder = desk.conversation('c1')?.agentId;
    const other = holder === 'ana' ? 'bo' : 'ana';
    expect(() => desk.accept(other, 'c1')).toThrow(LivedeskError);
    expect(desk.accept(holder ?? '', 'c1')).toMatchObject([
      { type: 'conversation-accepted', conversationId: 'c1' },
    ]);
    expect(desk.conversation('c1')?.status).toBe('active');
  });

  it('puts a declined offer back in its place and never offers it to the same agent again', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 }));
    desk.handoff(packet('c1'));
    clock.advance(1);
    desk.handoff(packet('c2'));
    const declined = desk.decline('ana', 'c1');
    expect(declined[0]).toMatchObject({
      type: 'conversation-requeued',
      reason: 'declined',
      previousAgentId: 'ana',
    });
    expect(assigned(declined)).toEqual([['c2', 'ana']]);
    expect(assigned(desk.upsertAgent(agentProfile({ id: 'bo', capacity: 1 })))).toEqual([['c1', 'bo']]);
  });

  it('refuses a second handoff of a conversation already on the desk', () => {
    const { desk } = createTestDesk();
    desk.handoff(packet('c1'));
    expect(() => desk.handoff(packet('c1'))).toThrow(expect.objectContaining({ code: 'conflict' }) as Error);
  });

  it('drops an abandoned conversation from the queue', () => {
    const { desk } = createTestDesk();
    desk.handoff(packet('c1'));
    expect(desk.release('c1', 'abandoned')).toMatchObject([
      { type: 'conversation-released', reason: 'abandoned' },
    ]);
    expect(desk.snapshot().waiting).toEqual([]);
    expect(desk.conversation('c1')).toBeUndefined();
  });
});
