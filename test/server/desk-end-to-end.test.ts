import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';

describe('the live desk, end to end over real WebSockets', () => {
  let server: DeskServer;
  let alice: StaffMember;
  let supervisor: StaffMember;
  beforeAll(async () => {
    server = await startDeskServer();
    alice = await server.createStaff({ username: 'alice', role: 'agent', teams: ['support'], capacity: 2 });
    supervisor = await server.login('supervisor');
  });
  afterAll(async () => {
    await server.close();
  });

  it('takes a viewer who asks for a person from the queue to an agent, a supervisor, a close and a rating', async () => {
    // The viewer asks for a person and is welcomed into the queue with their place.
    const viewer = await server.connectViewer();
    const { token: viewerToken } = await server.viewerToken({ roomId: 'room-a', locale: 'zh' });
    const { conversationId } = await viewer.join({ token: viewerToken });
    viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });
    const ack = await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'v-1' });
    expect(ack.sequence).toBeGreaterThan(0);
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'pending_human' });
    const welcome = await viewer.waitForEvent('system-message', {
      where: (event) => event.kind === 'welcome',
    });
    // Nobody is online yet: the welcome and the banner say so, from the same facts.
    expect(welcome.event.text).toContain('目前暂无可接待的客服在线');
    expect((await viewer.waitForEvent('queue-status')).event).toMatchObject({
      position: 1,
      estimatedWaitMs: null,
      agentsOnline: 0,
    });

    // An agent signs in and is offered it with the handoff packet.
    const console = await server.connectAgent();
    const signedIn = await console.authenticate(alice.token);
    expect(signedIn).toMatchObject({
      user: { id: alice.userId, role: 'agent' },
      agent: { id: alice.userId, presence: 'online', capacity: 2, teams: ['support'] },
      longWaitMs: 60_000,
    });
    const offered = await console.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId,
    });
    expect(offered.status).toBe('offered');
    expect(offered.conversation.packet.reasons).toContain('human_request');
    expect(offered.conversation.packet.summary.text).not.toBe('');
    expect(offered.conversation.packet.transcript.map((line) => line.text)).toContain('我要人工');

    // Accepted: the viewer is with a person; the agent's reply reaches them, committed first.
    expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'human' });
    const reply = await console.command({
      type: 'reply',
      conversationId,
      text: '您好，我是客服小爱，请问有什么可以帮您？',
    });
    expect(reply.type).toBe('ack');
    const delivered = await viewer.waitForEvent('agent-message');
    expect(delivered.event).toMatchObject({
      agentId: alice.userId,
      text: '您好，我是客服小爱，请问有什么可以帮您？',
    });
    expect(reply.type === 'ack' && reply.sequence).toBe(delivered.sequence);

    // The agent follows the viewer's words live.
    viewer.send({ type: 'message', text: '我充值的金币没到账' });
    await console.waitForConversationEvent(conversationId, 'viewer-message', {
      where: (event) => event.text === '我充值的金币没到账',
    });

    // One click to a supervisor, with a note: the supervisor is offered it with the note and the packet.
    const boss = await server.connectAgent();
    await boss.authenticate(supervisor.token);
    const note = '金额较大，需要主管审批退款';
    expect(await console.command({ type: 'escalate', conversationId, note })).toMatchObject({ type: 'ack' });
    expect(
      await console.waitForType('released', { where: (frame) => frame.conversationId === conversationId }),
    ).toMatchObject({ reason: 'transferred' });
    await viewer.waitForEvent('state-change', {
      where: (event) => event.from === 'human' && event.to === 'pending_human',
    });
    const escalated = await boss.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId && frame.status === 'offered',
    });
    expect(escalated.conversation.transfers).toEqual([
      expect.objectContaining({ by: alice.userId, note, escalation: true, to: { team: 'supervisor' } }),
    ]);
    expect(escalated.conversation.lane).not.toBe('normal');
    expect(escalated.conversation.packet.reasons).toContain('human_request');

    // The supervisor takes it, closes it; the viewer is asked for a score and gives one.
    expect(await boss.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    expect(await boss.command({ type: 'close', conversationId })).toMatchObject({ type: 'ack' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'closed' });
    await viewer.waitForEvent('satisfaction-request');
    viewer.send({ type: 'rate', score: 5, comment: '很满意', clientMessageId: 'v-rate' });
    const rated = await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'v-rate' });
    const stored = await viewer.waitForEvent('satisfaction');
    expect(rated.sequence).toBe(stored.sequence);
    expect(stored.event).toMatchObject({ score: 5, comment: '很满意' });

    // The stored record, read back as a reconnecting viewer would get it: the rating is there.
    const later = await server.connectViewer();
    await later.join({ token: viewerToken, conversationId, lastSequence: 0 });
    await later.roundTrip();
    const replayed = later.events();
    expect(replayed.find((frame) => frame.event.type === 'satisfaction')).toMatchObject({
      sequence: rated.sequence,
      event: { score: 5, comment: '很满意' },
    });
    // The supervisor, who may watch anything, reads the desk's record of it.
    const from = boss.mark();
    boss.send({ type: 'watch', conversationId, lastSequence: 0 });
    await boss.roundTrip();
    const deskRecord = boss.frames
      .slice(from)
      .flatMap((frame) =>
        frame.type === 'event' && frame.event.type === 'desk' ? [frame.event.event.type] : [],
      );
    expect(deskRecord).toEqual([
      'conversation-queued',
      'conversation-assigned',
      'conversation-accepted',
      'conversation-transferred',
      'conversation-queued',
      'conversation-assigned',
      'conversation-accepted',
      'conversation-released',
    ]);
    const queue = await server.request('/api/desk/queue', { token: alice.token });
    expect(queue.status).toBe(200);
    const { snapshot } = (await queue.json()) as { snapshot: { waiting: unknown[]; held: unknown[] } };
    expect(snapshot.waiting).toEqual([]);
    expect(snapshot.held).toEqual([]);
  });

  it('lets a supervisor list agents and change one; an agent may not', async () => {
    const console = await server.connectAgent();
    await console.authenticate(alice.token);
    expect((await server.request('/api/agents', { token: alice.token })).status).toBe(403);
    const listed = await server.request('/api/agents', { token: supervisor.token });
    expect(listed.status).toBe(200);
    const { agents } = (await listed.json()) as { agents: { id: string }[] };
    expect(agents.map((agent) => agent.id)).toContain(alice.userId);
    const patched = await server.request(`/api/agents/${alice.userId}`, {
      method: 'PATCH',
      token: supervisor.token,
      json: { capacity: 4, skills: ['payments'] },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ agent: { capacity: 4, skills: ['payments'] } });
    const refused = await server.request(`/api/agents/${alice.userId}`, {
      method: 'PATCH',
      token: supervisor.token,
      json: { capacity: 'lots' },
    });
    expect(refused.status).toBe(400);
    const unknown = await server.request('/api/agents/nobody', {
      method: 'PATCH',
      token: supervisor.token,
      json: { presence: 'away' },
    });
    expect(unknown.status).toBe(404);
    const queue = await console.waitForType('queue', {
      where: (frame) =>
        frame.snapshot.agents.some((agent) => agent.id === alice.userId && agent.capacity === 4),
    });
    expect(queue.snapshot.agents.find((agent) => agent.id === alice.userId)?.skills).toEqual(['payments']);
  });
});
