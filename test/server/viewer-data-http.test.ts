import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

const PHONE = '13812345678';

/**
 * Issue 16 part 3, viewer data requests on the real server: an admin exports everything about one viewer as
 * a JSON download and erases it (anonymised or deleted), each recorded in the audit log with counts.
 */
describe('viewer data export and erasure over HTTP', () => {
  let server: DeskServer;
  let admin: StaffMember;
  let supervisor: StaffMember;
  let holder: StaffMember;
  let holderConsole: AgentTestClient;
  const viewers: ViewerTestClient[] = [];

  async function json<T>(response: Response, status: number): Promise<T> {
    const text = await response.text();
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** A viewer with this id talks to the holder, who makes a ticket; closed unless `keepOpen`. */
  async function conversationOf(
    viewerId: string,
    keepOpen = false,
  ): Promise<{ conversationId: string; ticketId: string; viewer: ViewerTestClient }> {
    const issued = await json<{ token: string }>(
      await server.request('/api/viewer/tokens', {
        token: admin.token,
        json: {
          roomId: 'room-data',
          viewerId,
          tier: 'regular',
          locale: 'zh',
          displayName: `Name ${viewerId}`,
        },
      }),
      200,
    );
    const viewer = await server.connectViewer();
    viewers.push(viewer);
    const { conversationId } = await viewer.join({ token: issued.token });
    viewer.send({ type: 'message', text: `我的手机 ${PHONE}，转人工`, clientMessageId: 'ask' });
    await holderConsole.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId && frame.status === 'offered',
    });
    expect((await holderConsole.command({ type: 'accept', conversationId })).type).toBe('ack');
    const ticket = await json<{ ticket: { id: string } }>(
      await server.request(`/api/conversations/${conversationId}/ticket`, {
        method: 'POST',
        token: holder.token,
      }),
      201,
    );
    if (!keepOpen) expect((await holderConsole.command({ type: 'close', conversationId })).type).toBe('ack');
    return { conversationId, ticketId: ticket.ticket.id, viewer };
  }

  const erase = (viewerId: string, token: string, body: unknown) =>
    server.request(`/api/privacy/viewers/${viewerId}/erase`, { token, json: body });

  /** The viewer's socket is closed; the server learns it a moment after the client: erase once it has. */
  async function eraseOnceLeft(viewer: ViewerTestClient, viewerId: string, body: unknown): Promise<Response> {
    await viewer.close();
    for (let attempt = 0; ; attempt++) {
      const response = await erase(viewerId, admin.token, body);
      if (response.status !== 409 || attempt >= 100) return response;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    server = await startDeskServer({ LIVEDESK_OFFER_TIMEOUT_MS: '600000' });
    admin = await server.login('admin');
    supervisor = await server.createStaff({ username: 'data-supervisor', role: 'supervisor', teams: [] });
    holder = await server.createStaff({
      username: 'data-holder',
      role: 'agent',
      teams: ['support'],
      capacity: 50,
    });
    holderConsole = await server.connectAgent();
    await holderConsole.authenticate(holder.token);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(viewers.map((viewer) => viewer.close()));
    await server?.close();
  });

  it("exports a viewer's data as a JSON download, admins only, and audits it with the counts", async () => {
    const { conversationId, ticketId } = await conversationOf('export-me');
    // A staff read of the conversation: an audit entry that mentions it.
    expect(
      (await server.request(`/api/conversations/${conversationId}`, { token: supervisor.token })).status,
    ).toBe(200);

    for (const token of [holder.token, supervisor.token])
      expect((await server.request('/api/privacy/viewers/export-me/export', { token })).status).toBe(403);
    expect((await server.request('/api/privacy/viewers/export-me/export')).status).toBe(401);

    const response = await server.request('/api/privacy/viewers/export-me/export', { token: admin.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="livedesk-viewer-export-me.json"',
    );
    const exported = (await response.json()) as {
      viewerId: string;
      counts: Record<string, number>;
      conversations: { conversation: { conversationId: string } }[];
      tickets: { ticket: { id: string } }[];
      auditMentions: { action: string; subject: string }[];
    };
    expect(exported.viewerId).toBe('export-me');
    expect(exported.conversations.map((detail) => detail.conversation.conversationId)).toEqual([
      conversationId,
    ]);
    expect(exported.tickets.map((record) => record.ticket.id)).toEqual([ticketId]);
    // The viewer's own words, whole: the export is for them.
    expect(JSON.stringify(exported.conversations)).toContain(PHONE);
    expect(exported.auditMentions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'conversation.reveal', subject: conversationId }),
      ]),
    );
    expect(exported.counts).toMatchObject({ conversations: 1, tickets: 1 });

    const audit = await json<{ entries: { subject: string; details: Record<string, unknown> }[] }>(
      await server.request('/api/audit?action=privacy.viewer.export', { token: admin.token }),
      200,
    );
    expect(audit.entries.find((entry) => entry.subject === 'export-me')?.details.counts).toMatchObject({
      conversations: 1,
      tickets: 1,
    });
  });

  it('anonymises or deletes a viewer, refuses bad requests and a live conversation, and audits each', async () => {
    const anonymised = await conversationOf('anon-me');
    const deleted = await conversationOf('delete-me');
    const kept = await conversationOf('keep-me');
    const live = await conversationOf('talking-now', true);

    await json(
      await erase('anon-me', admin.token, { mode: 'anonymise', confirmViewerId: 'someone-else' }),
      400,
    );
    await json(await erase('anon-me', admin.token, { mode: 'shred', confirmViewerId: 'anon-me' }), 400);
    expect(
      (await erase('anon-me', supervisor.token, { mode: 'delete', confirmViewerId: 'anon-me' })).status,
    ).toBe(403);
    const refused = await json<{ error: string; conversationIds: string[] }>(
      await erase('talking-now', admin.token, { mode: 'delete', confirmViewerId: 'talking-now' }),
      409,
    );
    expect(refused).toMatchObject({ error: 'conflict', conversationIds: [live.conversationId] });
    expect(
      (await server.request(`/api/conversations/${live.conversationId}`, { token: admin.token })).status,
    ).toBe(200);

    expect(
      await json(
        await eraseOnceLeft(anonymised.viewer, 'anon-me', { mode: 'anonymise', confirmViewerId: 'anon-me' }),
        200,
      ),
    ).toEqual({ viewerId: 'anon-me', mode: 'anonymise', conversations: 1, tickets: 1, media: 0 });
    const detail = await server.request(`/api/conversations/${anonymised.conversationId}`, {
      token: admin.token,
    });
    const detailText = await detail.text();
    expect(detail.status).toBe(200);
    for (const secret of [PHONE, '138****5678', 'anon-me', 'Name anon-me'])
      expect(detailText).not.toContain(secret);
    expect(detailText).toContain('[erased]');
    const ticketText = await (
      await server.request(`/api/tickets/${anonymised.ticketId}`, { token: admin.token })
    ).text();
    for (const secret of [PHONE, 'anon-me', 'Name anon-me']) expect(ticketText).not.toContain(secret);
    const after = await json<{ counts: Record<string, number> }>(
      await server.request('/api/privacy/viewers/anon-me/export', { token: admin.token }),
      200,
    );
    expect(after.counts).toMatchObject({ conversations: 0, tickets: 0 });

    expect(
      await json(
        await eraseOnceLeft(deleted.viewer, 'delete-me', { mode: 'delete', confirmViewerId: 'delete-me' }),
        200,
      ),
    ).toEqual({ viewerId: 'delete-me', mode: 'delete', conversations: 1, tickets: 1, media: 0 });
    expect(
      (await server.request(`/api/conversations/${deleted.conversationId}`, { token: admin.token })).status,
    ).toBe(404);
    expect((await server.request(`/api/tickets/${deleted.ticketId}`, { token: admin.token })).status).toBe(
      404,
    );

    // Another viewer's records are untouched.
    const keptText = await (
      await server.request(`/api/conversations/${kept.conversationId}`, { token: admin.token })
    ).text();
    expect(keptText).toContain('keep-me');

    const audit = await json<{
      entries: { subject: string; actorUsername: string; details: Record<string, unknown> }[];
    }>(await server.request('/api/audit?action=privacy.viewer.erase', { token: admin.token }), 200);
    const bySubject = new Map(audit.entries.map((entry) => [entry.subject, entry]));
    expect(bySubject.get('anon-me')?.details).toMatchObject({
      mode: 'anonymise',
      conversations: 1,
      tickets: 1,
    });
    expect(bySubject.get('anon-me')?.actorUsername).toBe('admin');
    expect(bySubject.get('delete-me')?.details).toMatchObject({
      mode: 'delete',
      conversations: 1,
      tickets: 1,
    });
  });

  it('refuses to erase a viewer while memory holds their conversation (the assistant answering, or a closed one still joined)', async () => {
    const issued = await json<{ token: string }>(
      await server.request('/api/viewer/tokens', {
        token: admin.token,
        json: { roomId: 'room-data', viewerId: 'chatting-now', tier: 'regular', locale: 'zh' },
      }),
      200,
    );
    const viewer = await server.connectViewer();
    viewers.push(viewer);
    const { conversationId } = await viewer.join({ token: issued.token });
    viewer.send({ type: 'message', text: `怎么充值？我的手机 ${PHONE}`, clientMessageId: 'ask' });
    await viewer.waitForEvent('turn-end');
    const body = { mode: 'delete', confirmViewerId: 'chatting-now' };
    const refused = await json<{ error: string; conversationIds: string[] }>(
      await erase('chatting-now', admin.token, body),
      409,
    );
    expect(refused).toMatchObject({ error: 'conflict', conversationIds: [conversationId] });
    // Nothing was erased: the stored conversation is whole.
    expect(
      await (await server.request(`/api/conversations/${conversationId}`, { token: admin.token })).text(),
    ).toContain('chatting-now');

    expect(await json(await eraseOnceLeft(viewer, 'chatting-now', body), 200)).toMatchObject({
      mode: 'delete',
      conversations: 1,
    });
    expect(
      (await server.request(`/api/conversations/${conversationId}`, { token: admin.token })).status,
    ).toBe(404);
  });
});
