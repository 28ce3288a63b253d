import { describe, expect, it } from 'vitest';
import { agentProfile, createTestDesk, packet } from './desk-test-fixtures.js';

describe('an agent going offline', () => {
  it('requeues their offered conversations at their original place, ahead of later arrivals', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 }));
    desk.handoff(packet('early'));
    clock.advance(5_000);
    desk.handoff(packet('late'));
    const events = desk.setPresence('ana', 'offline');
    expect(events).toMatchObject([
      { type: 'agent-updated', agentId: 'ana', presence: 'offline' },
      {
        type: 'conversation-requeued',
        conversationId: 'early',
        reason: 'agent-offline',
        previousAgentId: 'ana',
      },
    ]);
    expect(desk.snapshot().waiting.map((entry) => [entry.conversationId, entry.waitedMs])).toEqual([
      ['early', 5_000],
      ['late', 0],
    ]);
    expect(desk.agent('ana')?.load).toBe(0);
  });

  it('hands the requeued conversations straight to another free agent', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 }));
    desk.handoff(packet('c1'));
    desk.upsertAgent(agentProfile({ id: 'bo', capacity: 1 }));
    const events = desk.setPresence('ana', 'offline');
    expect(events.at(-1)).toMatchObject({
      type: 'conversation-assigned',
      conversationId: 'c1',
      agentId: 'bo',
    });
  });

  it('returns accepted conversations as needing reassignment by default, out of the queue', () => {
    const { desk, clock } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 2 }));
    desk.handoff(packet('active'));
    desk.accept('ana', 'active');
    clock.advance(1_000);
    desk.handoff(packet('later'));
    clock.advance(1_000);
    desk.handoff(packet('latest'));
    desk.release('later', 'closed');
    const events = desk.setPresence('ana', 'offline');
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'conversation-needs-reassignment',
        conversationId: 'active',
        previousAgentId: 'ana',
      }),
    );
    expect(desk.conversation('active')?.status).toBe('needs-reassignment');
    expect(desk.snapshot().held).toContainEqual(
      expect.objectContaining({ conversationId: 'active', status: 'needs-reassignment' }),
    );
    // Requeued later, it keeps its original place.
    expect(desk.requeueConversation('active')[0]).toMatchObject({
      type: 'conversation-requeued',
      reason: 'reassigned',
    });
    expect(desk.snapshot().waiting.map((entry) => entry.conversationId)).toEqual(['active', 'latest']);
  });

  it('requeues accepted conversations too when the policy says so', () => {
    const { desk } = createTestDesk({ onAgentOffline: 'requeue' });
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    expect(desk.setPresence('ana', 'offline')).toContainEqual(
      expect.objectContaining({
        type: 'conversation-requeued',
        conversationId: 'c1',
        reason: 'agent-offline',
      }),
    );
    expect(desk.conversation('c1')?.status).toBe('queued');
  });

  it('releases conversations pinned to them to their team', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 1 }));
    desk.upsertAgent(agentProfile({ id: 'bo', capacity: 1 }));
    desk.handoff(packet('c1'));
    desk.handoff(packet('c2'));
    desk.accept('ana', 'c1');
    desk.accept('bo', 'c2');
    desk.handoff(packet('c3'));
    desk.transfer('c3', { agentId: 'ana' }, { by: 'sup', note: 'Ana knows this viewer' });
    expect(desk.conversation('c3')?.pinnedAgentId).toBe('ana');
    desk.setPresence('ana', 'offline');
    expect(desk.conversation('c3')).toMatchObject({ pinnedAgentId: undefined, status: 'queued' });
    expect(desk.release('c2', 'closed').at(-1)).toMatchObject({
      type: 'conversation-assigned',
      conversationId: 'c3',
      agentId: 'bo',
    });
  });

  it('is removed from the desk after giving everything back', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.removeAgent('ana');
    expect(desk.agent('ana')).toBeUndefined();
    expect(desk.conversation('c1')?.status).toBe('queued');
  });
});
