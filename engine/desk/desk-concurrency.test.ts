import { describe, expect, it } from 'vitest';
import { DeskEventSchema, type DeskEvent } from './desk-events.js';
import { agentProfile, createTestDesk, packet } from './desk-test-fixtures.js';
import type { Desk } from './desk.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Yields to other callers a random number of times, mixing microtasks and event-loop turns. */
async function interleave(random: () => number): Promise<void> {
  const turns = Math.floor(random() * 6);
  for (let turn = 0; turn < turns; turn++) {
    if (random() < 0.5) await Promise.resolve();
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** No agent over capacity, and no waiting conversation left while a free agent (who did not decline it) may take it. */
function assertSettledAndWithinCapacity(
  desk: Desk,
  declined: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): void {
  const snapshot = desk.snapshot();
  for (const agent of snapshot.agents) expect(agent.load).toBeLessThanOrEqual(agent.capacity);
  const free = snapshot.agents.filter((agent) => agent.freeSlots > 0);
  for (const entry of snapshot.waiting) {
    const takers = free.filter(
      (agent) => agent.teams.includes(entry.team) && !declined.get(entry.conversationId)?.has(agent.id),
    );
    expect(takers).toEqual([]);
  }
}

describe('concurrent handoffs', () => {
  it('assigns exactly the capacity under 200 simultaneous handoffs to 10 agents of capacity 3, and queues the rest in order', async () => {
    const { desk, clock } = createTestDesk();
    for (let index = 0; index < 10; index++)
      desk.upsertAgent(agentProfile({ id: `agent-${index}`, capacity: 3 }));
    const random = seededRandom(42);
    const arrivals: string[] = [];
    const events: DeskEvent[] = [];

    // What a server handler does: await some I/O, then make the one synchronous desk call, then await again.
    const handoffLater = async (conversationId: string): Promise<void> => {
      await interleave(random);
      clock.advance(1);
      arrivals.push(conversationId);
      events.push(...desk.handoff(packet(conversationId)));
      await interleave(random);
    };
    await Promise.all(Array.from({ length: 200 }, (_, index) => handoffLater(`c${index}`)));

    expect(arrivals).not.toEqual(Array.from({ length: 200 }, (_, index) => `c${index}`));
    const assigned = events.filter((event) => event.type === 'conversation-assigned');
    expect(assigned).toHaveLength(30);
    expect(new Set(assigned.map((event) => event.conversationId)).size).toBe(30);
    expect(new Set(assigned.map((event) => event.conversationId))).toEqual(new Set(arrivals.slice(0, 30)));
    for (const agent of desk.listAgents()) expect(agent.load).toBe(3);
    const waiting = desk.snapshot().waiting;
    expect(waiting.map((entry) => entry.conversationId)).toEqual(arrivals.slice(30));
    expect(waiting.map((entry) => entry.position)).toEqual(
      Array.from({ length: 170 }, (_, index) => index + 1),
    );
    for (const event of events) expect(DeskEventSchema.safeParse(event).success).toBe(true);
  });

  it('never overbooks while handoffs, accepts, closes, declines and presence changes interleave', async () => {
    const { desk, clock } = createTestDesk({ handleTime: { initialMs: 60_000 } });
    const teams = ['support', 'finance', 'vip-care'];
    for (let index = 0; index < 10; index++) {
      desk.upsertAgent(
        agentProfile({
          id: `agent-${index}`,
          capacity: 1 + (index % 3),
          teams: [teams[index % 3] ?? 'support'],
        }),
      );
    }
    const random = seededRandom(7);
    let assignedTotal = 0;
    const declined = new Map<string, Set<string>>();
    const apply = (events: DeskEvent[]): void => {
      for (const event of events) {
        if (event.type === 'conversation-assigned') assignedTotal++;
        if (
          event.type === 'conversation-requeued' &&
          event.reason === 'declined' &&
          event.previousAgentId !== undefined
        ) {
          declined.set(
            event.conversationId,
            new Set([...(declined.get(event.conversationId) ?? []), event.previousAgentId]),
          );
        }
      }
      assertSettledAndWithinCapacity(desk, declined);
    };

    const handoffLater = async (index: number): Promise<void> => {
      await interleave(random);
      clock.advance(Math.floor(random() * 100));
      apply(
        desk.handoff(
          packet(`c${index}`, {
            team: teams[index % 3] ?? 'support',
            priority: index % 7 === 0 ? 'urgent' : 'normal',
          }),
        ),
      );
    };
    const agentWorks = async (agentId: string): Promise<void> => {
      for (let step = 0; step < 40; step++) {
        await interleave(random);
        const agent = desk.agent(agentId);
        if (agent === undefined) return;
        const offered = agent.offeredConversationIds[0];
        const active = agent.activeConversationIds[0];
        const roll = random();
        if (offered !== undefined && roll < 0.6) apply(desk.accept(agentId, offered));
        else if (offered !== undefined && roll < 0.7) apply(desk.decline(agentId, offered));
        else if (active !== undefined && roll < 0.9) apply(desk.release(active, 'closed'));
        else if (roll < 0.95)
          apply(desk.setPresence(agentId, agent.presence === 'offline' ? 'online' : 'offline'));
      }
      apply(desk.setPresence(agentId, 'online'));
    };

    await Promise.all([
      ...Array.from({ length: 200 }, (_, index) => handoffLater(index)),
      ...Array.from({ length: 10 }, (_, index) => agentWorks(`agent-${index}`)),
    ]);

    expect(assignedTotal).toBeGreaterThan(30);
    expect(declined.size).toBeGreaterThan(0);
    assertSettledAndWithinCapacity(desk, declined);
    const waiting = desk.snapshot().waiting;
    const enqueued = waiting.map(
      (entry) => [entry.lane === 'urgent' ? 0 : 1, Date.parse(entry.enqueuedAt)] as const,
    );
    const sorted = [...enqueued].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(enqueued).toEqual(sorted);
  });
});
