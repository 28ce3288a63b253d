import { describe, expect, it } from 'vitest';
import { agentProfile, createTestDesk, packet } from './desk-test-fixtures.js';

describe('queue snapshot', () => {
  it('gives each waiting conversation its position, wait so far, estimate, lane and team', () => {
    const { desk, clock } = createTestDesk({ handleTime: { initialMs: 120_000 } });
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 2 }));
    desk.upsertAgent(agentProfile({ id: 'bo', capacity: 1, teams: ['support', 'vip-care'] }));
    for (const id of ['busy-1', 'busy-2', 'busy-3']) desk.handoff(packet(id));
    clock.advance(1_000);
    desk.handoff(packet('s1'));
    clock.advance(1_000);
    desk.handoff(
      packet('v1', { team: 'vip-care', viewer: { viewerId: 'whale', tier: 'vip', locale: 'en' } }),
    );
    clock.advance(1_000);
    desk.handoff(packet('s2'));
    clock.advance(500);
    expect(desk.snapshot().waiting).toEqual([
      expect.objectContaining({
        conversationId: 'v1',
        position: 1,
        queueIndex: 1,
        lane: 'high',
        team: 'vip-care',
        viewerTier: 'vip',
        waitedMs: 1_500,
        estimatedWaitMs: 120_000,
      }),
      // Support capacity is 3 slots: one handle time over 3, then two.
      expect.objectContaining({
        conversationId: 's1',
        position: 1,
        queueIndex: 2,
        lane: 'normal',
        team: 'support',
        waitedMs: 2_500,
        estimatedWaitMs: 40_000,
      }),
      expect.objectContaining({
        conversationId: 's2',
        position: 2,
        queueIndex: 3,
        waitedMs: 500,
        estimatedWaitMs: 80_000,
        longWait: false,
      }),
    ]);
  });

  it('flags a conversation as a long wait only once it waited longer than the threshold', () => {
    const { desk, clock } = createTestDesk();
    desk.handoff(packet('c1'));
    clock.advance(60_000);
    expect(desk.snapshot().waiting[0]?.longWait).toBe(false);
    clock.advance(1);
    expect(desk.snapshot().waiting[0]).toMatchObject({ longWait: true, waitedMs: 60_001 });
  });

  it('uses a configured long-wait threshold', () => {
    const { desk, clock } = createTestDesk({ longWaitMs: 10_000 });
    desk.handoff(packet('c1'));
    clock.advance(10_001);
    expect(desk.snapshot().waiting[0]?.longWait).toBe(true);
  });

  it('has no estimate while no online agent can take the conversation', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', presence: 'away' }));
    desk.handoff(packet('c1'));
    expect(desk.snapshot().waiting[0]?.estimatedWaitMs).toBeNull();
  });

  it('refreshes the estimate as handle times come in', () => {
    const { desk, clock } = createTestDesk({ handleTime: { alpha: 1, initialMs: 300_000 } });
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    desk.handoff(packet('c2'));
    desk.handoff(packet('c3'));
    expect(desk.snapshot().waiting.map((entry) => entry.estimatedWaitMs)).toEqual([300_000, 600_000]);
    clock.advance(30_000);
    desk.release('c1', 'closed');
    expect(desk.snapshot().waiting.map((entry) => entry.estimatedWaitMs)).toEqual([30_000]);
  });

  it('lists offered and accepted conversations with their agents, and the agents with their load', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 2 }));
    desk.handoff(packet('c1'));
    desk.handoff(packet('c2'));
    desk.accept('ana', 'c1');
    clock.advance(70_000);
    const snapshot = desk.snapshot();
    expect(snapshot.held).toEqual([
      expect.objectContaining({
        conversationId: 'c1',
        status: 'active',
        agentId: 'ana',
        waitedMs: 0,
        longWait: false,
      }),
      expect.objectContaining({
        conversationId: 'c2',
        status: 'offered',
        agentId: 'ana',
        waitedMs: 70_000,
        longWait: true,
      }),
    ]);
    expect(snapshot.agents).toEqual([expect.objectContaining({ id: 'ana', load: 2, freeSlots: 0 })]);
    expect(snapshot.at).toBe('2025-01-01T00:01:10.000Z');
  });
});
