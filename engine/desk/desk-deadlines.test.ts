import { describe, expect, it } from 'vitest';
import type { DeskEvent } from './desk-events.js';
import { agentProfile, createTestDesk, packet } from './desk-test-fixtures.js';

const assigned = (events: readonly DeskEvent[]) =>
  events.flatMap((event) =>
    event.type === 'conversation-assigned' ? [[event.conversationId, event.agentId]] : [],
  );
const ofType = <T extends DeskEvent['type']>(events: readonly DeskEvent[], type: T) =>
  events.filter((event): event is Extract<DeskEvent, { type: T }> => event.type === type);

describe('offers that move', () => {
  it('lets an unanswered offer lapse after the timeout and offers it to the next eligible agent', () => {
    const { desk, clock } = createTestDesk({ offerTimeoutMs: 30_000 });
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    const offered = desk.handoff(packet('c1'));
    expect(offered.find((event) => event.type === 'conversation-assigned')).toMatchObject({
      agentId: 'ana',
      expiresAt: '2025-01-01T00:00:30.000Z',
    });
    desk.upsertAgent(agentProfile({ id: 'bo' }));
    clock.advance(29_999);
    expect(desk.tick()).toEqual([]);
    clock.advance(1);
    const lapsed = desk.tick();
    expect(lapsed[0]).toMatchObject({
      type: 'conversation-requeued',
      reason: 'offer-expired',
      previousAgentId: 'ana',
    });
    expect(assigned(lapsed)).toEqual([['c1', 'bo']]);
  });

  it('offers a lapsed conversation back to the same agent only when nobody else may take it', () => {
    const { desk, clock } = createTestDesk({ offerTimeoutMs: 10_000, maxMissedOffers: 5 });
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    clock.advance(10_000);
    expect(assigned(desk.tick())).toEqual([['c1', 'ana']]);
  });

  it('sets an agent Away after offers lapse repeatedly, and what they were offered goes elsewhere', () => {
    const { desk, clock } = createTestDesk({ offerTimeoutMs: 10_000, maxMissedOffers: 2 });
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 2 }));
    desk.handoff(packet('c1'));
    clock.advance(10_000);
    desk.tick();
    clock.advance(10_000);
    const events = desk.tick();
    expect(ofType(events, 'agent-set-away')).toMatchObject([
      { agentId: 'ana', reason: 'missed-offers', missedOffers: 2 },
    ]);
    expect(desk.agent('ana')).toMatchObject({ presence: 'away', load: 0 });
    expect(desk.conversation('c1')?.status).toBe('queued');
    // Never offered to someone who is not online; the next agent online gets it at once.
    clock.advance(60_000);
    expect(assigned(desk.tick())).toEqual([]);
    expect(assigned(desk.upsertAgent(agentProfile({ id: 'bo' })))).toEqual([['c1', 'bo']]);
  });

  it('resets the count of lapsed offers when the agent answers one', () => {
    const { desk, clock } = createTestDesk({ offerTimeoutMs: 10_000, maxMissedOffers: 2 });
    desk.upsertAgent(agentProfile({ id: 'ana', capacity: 3 }));
    desk.handoff(packet('c1'));
    clock.advance(10_000);
    desk.tick();
    desk.accept('ana', 'c1');
    desk.handoff(packet('c2'));
    clock.advance(10_000);
    expect(ofType(desk.tick(), 'agent-set-away')).toEqual([]);
    expect(desk.agent('ana')?.presence).toBe('online');
  });

  it('re-offers a declined conversation at once to another eligible agent, never to the one who declined', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.upsertAgent(agentProfile({ id: 'bo' }));
    desk.handoff(packet('c1'));
    const first = desk.conversation('c1')?.agentId ?? '';
    const other = first === 'ana' ? 'bo' : 'ana';
    expect(assigned(desk.decline(first, 'c1'))).toEqual([['c1', other]]);
    expect(desk.decline(other, 'c1').filter((event) => event.type === 'conversation-assigned')).toEqual([]);
    expect(desk.conversation('c1')?.status).toBe('queued');
  });

  it('gives the story its order: A lets it lapse, B declines, A gets it back and accepts', () => {
    const { desk, clock } = createTestDesk({ offerTimeoutMs: 30_000 });
    desk.upsertAgent(agentProfile({ id: 'a' }));
    desk.handoff(packet('c1'));
    desk.upsertAgent(agentProfile({ id: 'b' }));
    clock.advance(30_000);
    expect(assigned(desk.tick())).toEqual([['c1', 'b']]);
    expect(assigned(desk.decline('b', 'c1'))).toEqual([['c1', 'a']]);
    expect(desk.accept('a', 'c1')[0]).toMatchObject({ type: 'conversation-accepted', agentId: 'a' });
  });
});

describe('owed replies and response targets', () => {
  const config = {
    sla: {
      urgent: { firstResponseMs: 30_000, nextResponseMs: 30_000 },
      high: { firstResponseMs: 60_000, nextResponseMs: 60_000 },
      normal: { firstResponseMs: 120_000, nextResponseMs: 90_000 },
    },
    unanswered: { flagAfterMs: 100_000, reassignAfterMs: 200_000 },
    offerTimeoutMs: 3_600_000,
  };

  it('counts the first response from the handoff and records a breach once', () => {
    const { desk, clock } = createTestDesk(config);
    desk.handoff(packet('c1'));
    expect(desk.conversation('c1')?.sla).toEqual({
      kind: 'first-response',
      dueAt: '2025-01-01T00:02:00.000Z',
      breached: false,
    });
    clock.advance(120_001);
    expect(ofType(desk.tick(), 'sla-breached')).toMatchObject([
      { conversationId: 'c1', reason: 'first-response', dueAt: '2025-01-01T00:02:00.000Z' },
    ]);
    expect(ofType(desk.tick(), 'sla-breached')).toEqual([]);
    expect(desk.snapshot().waiting[0]?.sla.breached).toBe(true);
  });

  it('gives a higher lane a shorter target', () => {
    const { desk } = createTestDesk(config);
    desk.handoff(packet('vip', { viewer: { viewerId: 'v', tier: 'vip', locale: 'en' } }));
    expect(desk.conversation('vip')?.sla.dueAt).toBe('2025-01-01T00:01:00.000Z');
  });

  it('after the first reply, times the next response from the viewer’s oldest unanswered message', () => {
    const { desk, clock } = createTestDesk(config);
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    clock.advance(10_000);
    desk.agentReplied('c1');
    expect(desk.conversation('c1')?.sla).toMatchObject({ kind: null, dueAt: null });
    clock.advance(5_000);
    desk.viewerMessaged('c1');
    clock.advance(5_000);
    desk.viewerMessaged('c1');
    expect(desk.conversation('c1')?.sla).toMatchObject({
      kind: 'next-response',
      dueAt: '2025-01-01T00:01:45.000Z',
    });
    clock.advance(90_000);
    expect(ofType(desk.tick(), 'sla-breached')).toMatchObject([{ reason: 'next-response', agentId: 'ana' }]);
  });

  it('flags an agent who owes the viewer a reply, then hands the conversation to someone else', () => {
    const { desk, clock } = createTestDesk(config);
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    desk.upsertAgent(agentProfile({ id: 'bo' }));
    clock.advance(100_000);
    const flagged = ofType(desk.tick(), 'conversation-flagged');
    expect(flagged).toMatchObject([{ conversationId: 'c1', agentId: 'ana', reason: 'no-reply' }]);
    expect(desk.conversation('c1')?.flagged).toBe(true);
    expect(ofType(desk.tick(), 'conversation-flagged')).toEqual([]);
    clock.advance(100_000);
    const moved = desk.tick();
    expect(ofType(moved, 'conversation-requeued')[0]).toMatchObject({
      reason: 'unresponsive',
      previousAgentId: 'ana',
    });
    expect(assigned(moved)).toEqual([['c1', 'bo']]);
    expect(desk.conversation('c1')?.flagged).toBe(false);
  });

  it('does not flag an agent who answered and is waiting for the viewer', () => {
    const { desk, clock } = createTestDesk(config);
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    desk.agentReplied('c1');
    clock.advance(500_000);
    expect(desk.tick()).toEqual([]);
  });
});

describe('viewers who leave, teams that never come', () => {
  it('releases a waiting viewer who has had no socket open for the abandon time', () => {
    const { desk, clock } = createTestDesk({ abandonAfterMs: 60_000 });
    desk.handoff(packet('c1'));
    desk.viewerPresence('c1', false);
    clock.advance(30_000);
    desk.viewerPresence('c1', true);
    clock.advance(45_000);
    expect(desk.tick()).toEqual([]);
    desk.viewerPresence('c1', false);
    clock.advance(60_000);
    expect(desk.tick()).toMatchObject([{ type: 'conversation-released', reason: 'abandoned' }]);
    expect(desk.conversation('c1')).toBeUndefined();
  });

  it('never abandons a conversation a person holds', () => {
    const { desk, clock } = createTestDesk({ abandonAfterMs: 60_000 });
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    desk.viewerPresence('c1', false);
    clock.advance(120_000);
    expect(ofType(desk.tick(), 'conversation-released')).toEqual([]);
  });

  it('lets any online agent take a conversation whose team has nobody online after the overflow time', () => {
    const { desk, clock } = createTestDesk({ teamOverflowMs: 120_000 });
    desk.upsertAgent(agentProfile({ id: 'ana', teams: ['support'] }));
    desk.handoff(packet('c1', { team: 'complaints', reasons: ['anger'] }));
    clock.advance(119_000);
    expect(desk.tick()).toEqual([]);
    clock.advance(1_000);
    const events = desk.tick();
    expect(events[0]).toMatchObject({ type: 'conversation-overflowed', team: 'complaints' });
    expect(assigned(events)).toEqual([['c1', 'ana']]);
    expect(desk.conversation('c1')?.laneReasons).toEqual(['anger', 'complaints-team', 'overflow']);
  });

  it('keeps a conversation for its team while someone of the team is online, busy or not', () => {
    const { desk, clock } = createTestDesk({
      teamOverflowMs: 60_000,
      unanswered: { flagAfterMs: 0, reassignAfterMs: 0 },
    });
    desk.upsertAgent(agentProfile({ id: 'sam', teams: ['complaints'], capacity: 1 }));
    desk.handoff(packet('busy', { team: 'complaints' }));
    desk.accept('sam', 'busy');
    desk.upsertAgent(agentProfile({ id: 'ana', teams: ['support'] }));
    desk.handoff(packet('c1', { team: 'complaints' }));
    clock.advance(300_000);
    expect(assigned(desk.tick())).toEqual([]);
  });
});

describe('lanes that say why', () => {
  it('serves VIPs first within a lane and names the reasons for each lane', () => {
    const { desk, clock } = createTestDesk();
    desk.handoff(packet('angry', { reasons: ['anger'], team: 'complaints', priority: 'high' }));
    clock.advance(1000);
    desk.handoff(packet('vip', { viewer: { viewerId: 'v', tier: 'vip', locale: 'en' } }));
    clock.advance(1000);
    desk.handoff(packet('self-harm', { reasons: ['sensitive'], priority: 'urgent' }));
    const waiting = desk.snapshot().waiting;
    expect(waiting.map((entry) => [entry.conversationId, entry.lane, entry.laneReasons])).toEqual([
      ['self-harm', 'urgent', ['urgent', 'sensitive']],
      ['vip', 'high', ['vip']],
      ['angry', 'high', ['anger', 'complaints-team']],
    ]);
  });

  it('records an escalation to a supervisor as the reason for its higher lane', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana' }));
    desk.handoff(packet('c1'));
    desk.accept('ana', 'c1');
    desk.escalateToSupervisor('c1', { by: 'ana', note: 'refund over limit' });
    expect(desk.conversation('c1')).toMatchObject({ lane: 'high', laneReasons: ['escalated'] });
  });

  it('names the viewer in the snapshot, and the agent holding a conversation', () => {
    const { desk } = createTestDesk();
    desk.upsertAgent(agentProfile({ id: 'ana', name: 'Ana Li', capacity: 1 }));
    desk.handoff(
      packet('c1', { viewer: { viewerId: 'v1', tier: 'regular', locale: 'zh', displayName: '小明' } }),
    );
    desk.handoff(packet('c2'));
    const snapshot = desk.snapshot();
    expect(snapshot.held[0]).toMatchObject({ viewerName: '小明', agentName: 'Ana Li' });
    expect(snapshot.waiting[0]).toMatchObject({ viewerName: 'viewer-c2', eligibleAgentsOnline: 1 });
  });
});
