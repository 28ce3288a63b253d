import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame } from '../../server/realtime/agent-frames.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

type QueueFrame = Extract<AgentServerFrame, { type: 'queue' }>;

const VIEWERS = 60;
const CAPACITIES = [1, 2, 2, 3];

/** What one console has been offered and still holds, from its own frames. */
function holdings(client: AgentTestClient): Set<string> {
  const held = new Set<string>();
  for (const frame of client.frames) {
    if (frame.type === 'assignment' && frame.status !== 'needs-reassignment') held.add(frame.conversationId);
    if (frame.type === 'released') held.delete(frame.conversationId);
  }
  return held;
}

function latestQueue(client: AgentTestClient): QueueFrame['snapshot'] {
  const frame = client.frames.findLast((candidate) => candidate.type === 'queue');
  if (frame?.type !== 'queue') throw new Error('no queue frame yet');
  return frame.snapshot;
}

describe('routing at the server under a crowd', () => {
  let server: DeskServer;
  let staff: StaffMember[];
  let agents: AgentTestClient[];
  const viewers: { client: ViewerTestClient; conversationId: string }[] = [];
  beforeAll(async () => {
    server = await startDeskServer({
      LIVEDESK_AGENT_OFFLINE_GRACE_MS: '300',
      LIVEDESK_MAX_VIEWER_CONNECTIONS_PER_IP: '1000',
    });
    staff = await Promise.all(
      CAPACITIES.map((capacity, index) =>
        server.createStaff({ username: `crowd-${index}`, role: 'agent', teams: ['support'], capacity }),
      ),
    );
    agents = await Promise.all(staff.map(() => server.connectAgent()));
    await Promise.all(agents.map((agent, index) => agent.authenticate(staff[index]!.token)));
    const tokens = await Promise.all(
      Array.from({ length: VIEWERS }, (_, index) => server.viewerToken({ roomId: `room-${index % 3}` })),
    );
    for (const { token } of tokens) {
      const client = await server.connectViewer();
      const { conversationId } = await client.join({ token, locale: 'zh' });
      viewers.push({ client, conversationId });
    }
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('never offers an agent more than their capacity when many viewers escalate at once, and serves the longest waiting first', async () => {
    // Everyone asks for a person in the same instant.
    for (const { client } of viewers) client.send({ type: 'message', text: '我要人工' });
    await Promise.all(viewers.map(({ client }) => client.waitForEvent('system-message')));
    const total = CAPACITIES.reduce((sum, capacity) => sum + capacity, 0);
    await agents[0]!.waitForType('queue', {
      where: (frame) => frame.snapshot.waiting.length === VIEWERS - total,
    });

    agents.forEach((agent, index) => expect(holdings(agent).size).toBe(CAPACITIES[index]));
    for (const agent of agents) {
      for (const frame of agent.frames) {
        if (frame.type !== 'queue') continue;
        for (const view of frame.snapshot.agents) expect(view.load).toBeLessThanOrEqual(view.capacity);
      }
    }
    const offered = agents.flatMap((agent) => [...holdings(agent)]);
    expect(new Set(offered).size).toBe(total);
    const waiting = latestQueue(agents[0]!).waiting;
    expect(waiting.map((entry) => entry.position)).toEqual(waiting.map((_, index) => index + 1));
    // Every waiting viewer was told their place.
    for (const entry of waiting) {
      const viewer = viewers.find((candidate) => candidate.conversationId === entry.conversationId)!;
      const status = await viewer.client.waitForEvent('queue-status', {
        where: (event) => event.position === entry.position,
      });
      expect(status.event.estimatedWaitMs).toBeGreaterThan(0);
    }

    // The smallest agent accepts and closes theirs: the slot goes to the longest-waiting conversation.
    const first = agents[0]!;
    const [mine] = [...holdings(first)];
    expect(await first.command({ type: 'accept', conversationId: mine })).toMatchObject({ type: 'ack' });
    const from = first.mark();
    expect(await first.command({ type: 'close', conversationId: mine })).toMatchObject({ type: 'ack' });
    const next = await first.waitForType('assignment', {
      from,
      where: (frame) => frame.status === 'offered',
    });
    expect(next.conversationId).toBe(waiting[0]!.conversationId);
    expect(holdings(first).size).toBe(1);
  });

  it('gives the waiting conversations of an agent who goes offline back to the queue, at their place', async () => {
    const leaving = agents[3]!;
    const held = [...holdings(leaving)];
    expect(held).toHaveLength(3);
    expect(await leaving.command({ type: 'accept', conversationId: held[0] })).toMatchObject({ type: 'ack' });
    const watcher = agents[1]!;
    const from = watcher.mark();
    await leaving.close();
    // After the grace period, their offered and accepted conversations are all waiting again, first in line.
    const queue = await watcher.waitForType('queue', {
      from,
      where: (frame) =>
        frame.snapshot.agents.some((agent) => agent.id === staff[3]!.userId && agent.presence === 'offline'),
    });
    const front = queue.snapshot.waiting.slice(0, held.length).map((entry) => entry.conversationId);
    expect(new Set(front)).toEqual(new Set(held));
    expect(queue.snapshot.agents.find((agent) => agent.id === staff[3]!.userId)?.load).toBe(0);
    // The viewer who was with that agent waits again and is told so.
    const viewer = viewers.find((candidate) => candidate.conversationId === held[0])!;
    await viewer.client.waitForEvent('state-change', {
      where: (event) => event.from === 'human' && event.to === 'pending_human',
    });
    await viewer.client.waitForEvent('queue-status', { where: (event) => event.position <= held.length });
  });

  it('keeps an agent’s conversations through a page reload within the grace period', async () => {
    const agent = agents[2]!;
    const before = [...holdings(agent)].sort();
    expect(before).toHaveLength(2);
    await agent.close();
    const again = await server.connectAgent();
    await again.authenticate(staff[2]!.token);
    await again.roundTrip();
    const restored = again.frames.flatMap((frame) =>
      frame.type === 'assignment' ? [frame.conversationId] : [],
    );
    expect(restored.sort()).toEqual(before);
    // Past the grace period of the closed socket, the agent is still online with the same load.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const response = await server.request('/api/desk/queue', { token: staff[2]!.token });
    const { snapshot } = (await response.json()) as QueueFrame;
    const view = snapshot.agents.find((candidate) => candidate.id === staff[2]!.userId);
    expect(view).toMatchObject({ presence: 'online', load: 2 });
  });
});
