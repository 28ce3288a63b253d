import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from './desk-server.js';

/** A one-hour window every day, twelve hours from now: the desk is closed while this test runs. */
function closedNow(): string {
  const hour = Math.min(22, (new Date().getUTCHours() + 12) % 24);
  const clock = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return JSON.stringify({
    timeZone: 'UTC',
    teams: { '*': [{ days: [0, 1, 2, 3, 4, 5, 6], from: clock(hour), to: clock(hour + 1) }] },
  });
}

describe('business hours', () => {
  let server: DeskServer;
  beforeAll(async () => {
    server = await startDeskServer({ LIVEDESK_BUSINESS_HOURS: closedNow() });
  });
  afterAll(async () => {
    await server.close();
  });

  it('out of hours, opens a ticket instead of queueing and says when someone will answer', async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-night', locale: 'zh' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'night' });
    const notice = await viewer.waitForEvent('system-message', { where: (event) => event.kind === 'notice' });
    expect(notice.event.text).toContain('当前不在人工客服服务时间');
    expect(notice.event.text).toMatch(/客服将于.*\d\d:00/);
    const ticketId = /工单 (\S+?)，/.exec(notice.event.text)?.[1];
    expect(ticketId).toBeDefined();
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'ai' });

    const supervisor = await server.login('supervisor');
    const ticket = await server.request(`/api/tickets/${ticketId}`, { token: supervisor.token });
    expect(ticket.status).toBe(200);
    expect(
      ((await ticket.json()) as { ticket: { conversationId: string; tags: string[] } }).ticket,
    ).toMatchObject({
      conversationId,
      tags: ['out-of-hours'],
    });
    const queue = await server.request('/api/desk/queue', { token: supervisor.token });
    const { snapshot } = (await queue.json()) as { snapshot: { waiting: { conversationId: string }[] } };
    expect(snapshot.waiting.map((entry) => entry.conversationId)).not.toContain(conversationId);

    // The AI keeps answering meanwhile.
    const from = viewer.mark();
    viewer.send({ type: 'message', text: '怎么充值金币' });
    expect((await viewer.waitForEvent('answer-source', { from })).event.entryIds).toEqual(['coins.top-up']);
  });

  it('still queues a handoff when someone of the team is online out of hours', async () => {
    const ada = await server.login('agent');
    const console = await server.connectAgent();
    await console.authenticate(ada.token);
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-night', locale: 'en' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: 'I want to talk to a human' });
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    await console.close();
  });

  it('refuses business hours that do not parse, naming the variable', async () => {
    await expect(
      startDeskServer({
        LIVEDESK_BUSINESS_HOURS: '{"teams":{"*":[{"days":[1],"from":"18:00","to":"09:00"}]}}',
      }),
    ).rejects.toThrow(/LIVEDESK_BUSINESS_HOURS/);
    await expect(startDeskServer({ LIVEDESK_BUSINESS_HOURS: 'not json' })).rejects.toThrow(/not valid JSON/);
  });
});
