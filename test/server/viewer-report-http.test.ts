import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../server/webhooks/verify-webhook-signature.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

/**
 * Issue 16 part 3: a viewer in a 1-on-1 room reports the other party over HTTP. A ticket for supervisors
 * names the reported user with the conversation's last messages as evidence, the conversation is closed to
 * agents who do not hold it, and the wish to block reaches the platform as a signed webhook suggestion.
 */
describe('a viewer reports the other party of a 1-on-1 room', () => {
  let server: DeskServer;
  let admin: StaffMember;
  let supervisor: StaffMember;
  let agent: StaffMember;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let secret = '';
  const viewers: ViewerTestClient[] = [];

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    server = await startDeskServer({
      LIVEDESK_WEBHOOK_ALLOW_PRIVATE: 'true',
      LIVEDESK_WEBHOOK_POLL_MS: '50',
    });
    admin = await server.login('admin');
    supervisor = await server.createStaff({ username: 'report-supervisor', role: 'supervisor', teams: [] });
    agent = await server.createStaff({
      username: 'report-agent',
      role: 'agent',
      teams: ['general', 'support'],
    });
    const created = await server.request('/api/webhooks', {
      token: admin.token,
      json: { url: hooks.url, events: ['viewer.block.requested'], description: 'platform' },
    });
    expect(created.status).toBe(201);
    ({ secret } = (await created.json()) as { secret: string });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(viewers.map((viewer) => viewer.close()));
    await server?.close();
    await hooks?.close();
  });

  it('makes a ticket with the reported user and the evidence, and asks the platform to block', async () => {
    const { token, viewerId } = await server.viewerToken({ roomId: 'room-1on1', locale: 'zh' });
    const viewer = await server.connectViewer();
    viewers.push(viewer);
    const { conversationId } = await viewer.join({ token });
    viewer.send({
      type: 'message',
      text: '对方一直骚扰我，还要我的手机 13812345678',
      clientMessageId: 'm-1',
    });
    await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'm-1' });

    const report = (body: unknown, bearer: string | null = token) =>
      server.request('/api/viewer/reports', { json: body, ...(bearer === null ? {} : { token: bearer }) });
    // Bad input is refused and changes nothing.
    expect((await report({ conversationId, reportedUserId: 'u-bad', reason: 'rude' })).status).toBe(400);
    expect((await report({ conversationId, reportedUserId: '', reason: 'harassment' })).status).toBe(400);
    expect(
      (await report({ conversationId, reportedUserId: 'u-bad', reason: 'harassment' }, null)).status,
    ).toBe(401);
    expect(
      (await report({ conversationId, reportedUserId: 'u-bad', reason: 'harassment' }, agent.token)).status,
    ).toBe(403);
    const other = await server.viewerToken({ roomId: 'room-1on1' });
    expect(
      (await report({ conversationId, reportedUserId: 'u-bad', reason: 'harassment' }, other.token)).status,
    ).toBe(403);

    const made = await report({
      conversationId,
      reportedUserId: 'u-harasser-42',
      reason: 'harassment',
      note: '他在私聊里骚扰我',
      block: true,
    });
    expect(made.status).toBe(201);
    const { ticketId, blockRequested } = (await made.json()) as { ticketId: string; blockRequested: boolean };
    expect(blockRequested).toBe(true);

    const ticket = (await (
      await server.request(`/api/tickets/${ticketId}`, { token: supervisor.token })
    ).json()) as {
      ticket: {
        title: string;
        description: string;
        priority: string;
        tags: string[];
        viewer: { viewerId: string };
      };
    };
    expect(ticket.ticket).toMatchObject({ priority: 'high', viewer: { viewerId } });
    expect(ticket.ticket.tags).toEqual(expect.arrayContaining(['viewer-report', 'report:harassment']));
    expect(ticket.ticket.description).toContain('Reported user: u-harasser-42');
    expect(ticket.ticket.description).toContain('对方一直骚扰我');
    expect(ticket.ticket.description).toContain('138****5678');
    expect(ticket.ticket.description).not.toContain('13812345678');
    expect(ticket.ticket.description).toContain('Livedesk blocks no one');

    // The conversation is sensitive now: an agent of the ticket's department does not reach it or its ticket.
    expect((await server.request(`/api/tickets/${ticketId}`, { token: agent.token })).status).toBe(403);
    expect(
      (
        (await (
          await server.request(`/api/conversations/${conversationId}/sensitive`, { token: supervisor.token })
        ).json()) as {
          sensitive: boolean;
        }
      ).sensitive,
    ).toBe(true);

    const [hook] = await hooks.waitFor(1, (received) => received.body.includes('viewer.block.requested'));
    expect(
      verifyWebhookSignature({
        secret,
        body: hook!.body,
        timestamp: String(hook!.headers['livedesk-timestamp']),
        signature: String(hook!.headers['livedesk-signature']),
      }).ok,
    ).toBe(true);
    expect((JSON.parse(hook!.body) as { data: unknown }).data).toEqual({
      reporterViewerId: viewerId,
      reportedUserId: 'u-harasser-42',
      roomId: 'room-1on1',
      reason: 'harassment',
      conversationId,
      ticketId,
    });

    // The same person reported again from the same conversation: the same ticket back, nothing new made.
    const again = await report({
      conversationId,
      reportedUserId: 'u-harasser-42',
      reason: 'spam',
      block: true,
    });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { ticketId: string }).ticketId).toBe(ticketId);
    // Someone else: a new ticket. The conversation has an open one already, so this one is not linked to it,
    // and it stays with supervisors all the same.
    const second = await report({
      conversationId,
      reportedUserId: 'u-other-7',
      reason: 'spam',
      block: false,
    });
    expect(second.status).toBe(201);
    const secondId = ((await second.json()) as { ticketId: string }).ticketId;
    expect(secondId).not.toBe(ticketId);
    const unlinked = await server.request(`/api/tickets/${secondId}`, { token: supervisor.token });
    expect(((await unlinked.json()) as { ticket: { conversationId?: string } }).ticket.conversationId).toBe(
      undefined,
    );
    expect((await server.request(`/api/tickets/${secondId}`, { token: agent.token })).status).toBe(403);
    const agentList = (await (await server.request('/api/tickets', { token: agent.token })).json()) as {
      tickets: { id: string }[];
    };
    expect(agentList.tickets.map((row) => row.id)).not.toContain(secondId);

    // Five reports (the two malformed ones included) are this viewer's burst; the sixth must wait.
    const slowed = await report({ conversationId, reportedUserId: 'u-third', reason: 'spam', block: false });
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('60');
    expect(
      (await report({ conversationId, reportedUserId: 'u-third', reason: 'spam' }, other.token)).status,
    ).toBe(403);
  }, 60_000);
});
