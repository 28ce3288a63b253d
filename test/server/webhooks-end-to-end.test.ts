import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../server/webhooks/verify-webhook-signature.js';
import { WEBHOOK_EVENT_TYPES } from '../../server/webhooks/webhook-event.js';
import { startWebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
const typeOf = (request: ReceivedWebhook) => (JSON.parse(request.body) as { type: string }).type;
const dataOf = (request: ReceivedWebhook) =>
  (JSON.parse(request.body) as { data: Record<string, unknown> }).data;

describe('outbound webhooks, end to end through the real server', () => {
  let server: DeskServer;
  let hooks: Receiver;
  let admin: StaffMember;
  let alice: StaffMember;
  let secret: string;

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    server = await startDeskServer({
      LIVEDESK_WEBHOOK_ALLOW_PRIVATE: 'true',
      LIVEDESK_WEBHOOK_POLL_MS: '50',
      LIVEDESK_WEBHOOK_RETRY_BASE_MS: '50',
    });
    admin = await server.login('admin');
    alice = await server.createStaff({ username: 'alice', role: 'agent', teams: ['support'], capacity: 2 });
    const created = await server.request('/api/webhooks', {
      token: admin.token,
      json: { url: hooks.url, events: [...WEBHOOK_EVENT_TYPES], description: 'platform' },
    });
    expect(created.status).toBe(201);
    ({ secret } = (await created.json()) as { secret: string });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await hooks?.close();
  });

  const signedBy = (request: ReceivedWebhook) =>
    verifyWebhookSignature({
      secret,
      body: request.body,
      timestamp: String(request.headers['livedesk-timestamp']),
      signature: String(request.headers['livedesk-signature']),
    }).ok;

  it('tells the platform, signed, when a viewer asks for a person and when an agent accepts, closes and is rated', async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-hooks', locale: 'zh' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: '我要人工，我的手机号是13812345678', clientMessageId: 'v-1' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'pending_human' });

    const [escalated] = await hooks.waitFor(1, (request) => typeOf(request) === 'conversation.escalated');
    expect(signedBy(escalated!)).toBe(true);
    expect(dataOf(escalated!)).toMatchObject({
      conversationId,
      reasons: expect.arrayContaining(['human_request']) as unknown,
      priority: expect.any(String) as unknown,
      roomId: 'room-hooks',
    });
    expect(escalated!.body).not.toContain('13812345678');

    const console = await server.connectAgent();
    await console.authenticate(alice.token);
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    const [assigned] = await hooks.waitFor(1, (request) => typeOf(request) === 'conversation.assigned');
    expect(signedBy(assigned!)).toBe(true);
    expect(dataOf(assigned!)).toEqual({ conversationId, agentId: alice.userId });

    expect(await console.command({ type: 'close', conversationId })).toMatchObject({ type: 'ack' });
    await viewer.waitForEvent('satisfaction-request');
    viewer.send({ type: 'rate', score: 4, comment: '不错，回电13812345678', clientMessageId: 'v-rate' });
    const [closed] = await hooks.waitFor(1, (request) => typeOf(request) === 'conversation.closed');
    expect(dataOf(closed!)).toMatchObject({ conversationId, from: 'human' });
    const [rated] = await hooks.waitFor(1, (request) => typeOf(request) === 'conversation.satisfaction');
    expect(dataOf(rated!)).toMatchObject({ conversationId, score: 4 });
    expect(String(dataOf(rated!)['comment'])).toContain('138****5678');
    expect(rated!.body).not.toContain('13812345678');
    // Each event once, in the order it happened.
    const order = hooks.received.map(typeOf).filter((type) => type.startsWith('conversation.'));
    expect(order).toEqual([
      'conversation.escalated',
      'conversation.assigned',
      'conversation.closed',
      'conversation.satisfaction',
    ]);
  });

  it('sends ticket.created and ticket.updated for committed ticket writes only', async () => {
    const created = await server.request('/api/tickets', {
      token: admin.token,
      json: { title: 'Refund 13812345678', description: 'call back', priority: 'high' },
    });
    expect(created.status).toBe(201);
    const { ticket } = (await created.json()) as { ticket: { id: string; version: number } };
    const [made] = await hooks.waitFor(1, (request) => typeOf(request) === 'ticket.created');
    expect(dataOf(made!)).toMatchObject({ ticketId: ticket.id, status: 'open', priority: 'high' });
    expect(made!.body).not.toContain('13812345678');

    const stale = await server.request(`/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: admin.token,
      json: { expectedVersion: ticket.version + 5, status: 'pending' },
    });
    expect(stale.status).toBe(409);
    const changed = await server.request(`/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: admin.token,
      json: { expectedVersion: ticket.version, status: 'pending' },
    });
    expect(changed.status).toBe(200);
    const updates = await hooks.waitFor(1, (request) => typeOf(request) === 'ticket.updated');
    expect(dataOf(updates[0]!)).toMatchObject({
      ticketId: ticket.id,
      status: 'pending',
      changed: ['status'],
    });
    // The refused write sent nothing: still one update after the next one lands.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hooks.received.filter((request) => typeOf(request) === 'ticket.updated')).toHaveLength(1);
  });

  it('sends knowledge.gap_found with the masked question when the AI has no answer', async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-gap', locale: 'en' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({
      type: 'message',
      text: 'how do I repair the flux capacitor of a 1962 tractor, call 13812345678',
    });
    await viewer.waitForEvent('turn-end');
    const [gap] = await hooks.waitFor(
      1,
      (request) =>
        typeOf(request) === 'knowledge.gap_found' && dataOf(request)['conversationId'] === conversationId,
    );
    expect(dataOf(gap!)).toMatchObject({
      conversationId,
      question: expect.stringContaining('flux capacitor') as unknown,
    });
    expect(gap!.body).not.toContain('13812345678');
  });

  it('records creating, rotating and deleting a webhook in the audit log, never with the secret', async () => {
    const list = (await (await server.request('/api/webhooks', { token: admin.token })).json()) as {
      webhooks: { id: string }[];
    };
    const id = list.webhooks[0]!.id;
    expect(JSON.stringify(list)).not.toContain(secret);
    const rotated = await server.request(`/api/webhooks/${id}/rotate-secret`, {
      method: 'POST',
      token: admin.token,
    });
    expect(rotated.status).toBe(200);
    const refused = await server.request('/api/webhooks', {
      token: admin.token,
      json: { url: 'ftp://example.com/x', events: ['ticket.created'] },
    });
    expect(refused.status).toBe(400);
    const other = await server.request('/api/webhooks', {
      token: admin.token,
      json: { url: hooks.url, events: ['ticket.created'] },
    });
    const otherId = ((await other.json()) as { webhook: { id: string } }).webhook.id;
    expect(
      (await server.request(`/api/webhooks/${otherId}`, { method: 'DELETE', token: admin.token })).status,
    ).toBe(204);
    await expect
      .poll(async () => {
        const audit = (await (
          await server.request('/api/audit?action=webhook', { token: admin.token })
        ).json()) as {
          entries: { action: string; subject: string | null }[];
        };
        return audit.entries.map((entry) => entry.action).sort();
      })
      .toEqual(['webhook.create', 'webhook.create', 'webhook.delete', 'webhook.rotate-secret']);
    const auditText = JSON.stringify(
      await (await server.request('/api/audit', { token: admin.token })).json(),
    );
    expect(auditText).not.toContain(secret);
  });
});
