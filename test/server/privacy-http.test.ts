import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

const PHONE = '13812345678';
const MAIL = 'privacy.viewer@example.com';

/**
 * Issue 16 part 3 on the real server: personal data masked for staff on the socket and over HTTP, revealed
 * one field at a time with an audited reason, and sensitive conversations closed to everyone but
 * supervisors, admins and the agent holding them.
 */
describe('privacy for 1-on-1 conversations, over HTTP and the agent socket', () => {
  let server: DeskServer;
  let admin: StaffMember;
  let supervisor: StaffMember;
  let holder: StaffMember;
  let other: StaffMember;
  let holderConsole: AgentTestClient;
  let otherConsole: AgentTestClient;
  const viewers: ViewerTestClient[] = [];

  async function json<T>(response: Response, status: number): Promise<T> {
    const text = await response.text();
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** A viewer asks for a person; the holder accepts; resolves with the viewer's socket. */
  async function heldConversation(): Promise<{ conversationId: string; viewer: ViewerTestClient }> {
    const issued = await json<{ token: string }>(
      await server.request('/api/viewer/tokens', {
        token: admin.token,
        json: {
          roomId: 'room-privacy',
          viewerId: `privacy-viewer-${viewers.length + 1}`,
          tier: 'regular',
          locale: 'en',
        },
      }),
      200,
    );
    const viewer = await server.connectViewer();
    viewers.push(viewer);
    const { conversationId } = await viewer.join({ token: issued.token });
    viewer.send({ type: 'message', text: 'I want to talk to a human', clientMessageId: 'ask' });
    await holderConsole.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId && frame.status === 'offered',
    });
    const accepted = await holderConsole.command({ type: 'accept', conversationId });
    expect(accepted.type, JSON.stringify(accepted)).toBe('ack');
    return { conversationId, viewer };
  }

  const reveal = (conversationId: string, token: string, body: Record<string, unknown>) =>
    server.request(`/api/conversations/${conversationId}/pii/reveal`, { token, json: body });

  beforeAll(async () => {
    server = await startDeskServer({ LIVEDESK_OFFER_TIMEOUT_MS: '600000' });
    admin = await server.login('admin');
    supervisor = await server.createStaff({ username: 'privacy-supervisor', role: 'supervisor', teams: [] });
    holder = await server.createStaff({
      username: 'privacy-holder',
      role: 'agent',
      teams: ['support'],
      capacity: 50,
    });
    other = await server.createStaff({ username: 'privacy-other', role: 'agent', teams: ['privacy-none'] });
    holderConsole = await server.connectAgent();
    await holderConsole.authenticate(holder.token);
    otherConsole = await server.connectAgent();
    await otherConsole.authenticate(other.token);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(viewers.map((viewer) => viewer.close()));
    await server?.close();
  });

  it("masks the viewer's phone and mail for staff, reveals one with a reason, and audits who, what and why", async () => {
    const { conversationId, viewer } = await heldConversation();
    const from = holderConsole.mark();
    viewer.send({ type: 'message', text: `call me on ${PHONE} or mail ${MAIL}`, clientMessageId: 'pii' });
    const live = await holderConsole.waitForConversationEvent(conversationId, 'viewer-message', {
      from,
      where: (event) => event.text.startsWith('call me'),
    });
    expect(live.event.text).toBe('call me on 138****5678 or mail p***@example.com');
    const frame = holderConsole.frames.find(
      (candidate) => candidate.type === 'event' && candidate.sequence === live.sequence,
    );
    const spans = frame?.type === 'event' ? (frame.pii ?? []) : [];
    expect(spans.map(({ field, index, kind }) => ({ field, index, kind }))).toEqual([
      { field: 'text', index: 0, kind: 'phone' },
      { field: 'text', index: 1, kind: 'email' },
    ]);
    expect(spans.map((span) => live.event.text.slice(span.start, span.end))).toEqual([
      '138****5678',
      'p***@example.com',
    ]);
    const sequence = live.sequence!;

    const detail = await server.request(`/api/conversations/${conversationId}`, { token: holder.token });
    const detailText = await detail.text();
    expect(detail.status).toBe(200);
    expect(detailText).not.toContain(PHONE);
    expect(detailText).not.toContain(MAIL);
    expect(detailText).toContain('"kind":"phone"');

    // Bad requests change nothing and are explained.
    const noReason = await json<{ error: string }>(
      await reveal(conversationId, holder.token, { sequence, field: 'text', index: 0 }),
      400,
    );
    expect(noReason.error).toBe('invalid_input');
    await json(
      await reveal(conversationId, holder.token, { sequence, field: 'text', index: 0, reason: 'other' }),
      400,
    );
    await json(
      await reveal(conversationId, holder.token, { sequence, field: 'text', index: 5, reason: 'delivery' }),
      404,
    );

    expect(
      await json(
        await reveal(conversationId, holder.token, {
          sequence,
          field: 'text',
          index: 0,
          reason: 'contact-viewer',
          note: 'call back about the refund',
        }),
        200,
      ),
    ).toEqual({ kind: 'phone', value: PHONE });
    expect(
      await json(
        await reveal(conversationId, supervisor.token, {
          sequence,
          field: 'text',
          index: 1,
          reason: 'verify-identity',
        }),
        200,
      ),
    ).toEqual({ kind: 'email', value: MAIL });
    await json(
      await reveal(conversationId, other.token, {
        sequence,
        field: 'text',
        index: 0,
        reason: 'verify-identity',
      }),
      403,
    );

    const audit = await json<{
      entries: {
        actorUsername: string;
        outcome: string;
        subject: string;
        details: Record<string, unknown>;
      }[];
    }>(await server.request('/api/audit?action=conversation.pii.reveal', { token: admin.token }), 200);
    const entries = audit.entries.filter((entry) => entry.subject === conversationId);
    expect(entries.map((entry) => [entry.actorUsername, entry.outcome]).sort()).toEqual([
      ['privacy-holder', 'success'],
      ['privacy-other', 'refused'],
      ['privacy-supervisor', 'success'],
    ]);
    const byHolder = entries.find((entry) => entry.actorUsername === 'privacy-holder')!;
    expect(byHolder.details).toMatchObject({
      sequence,
      field: 'text',
      index: 0,
      kind: 'phone',
      reason: 'contact-viewer',
      note: 'call back about the refund',
    });
    expect(JSON.stringify(audit)).not.toContain(PHONE);
    expect(JSON.stringify(audit)).not.toContain(MAIL);

    // Once the conversation is closed, the agent who held it may no longer reveal; a supervisor still may.
    expect((await holderConsole.command({ type: 'close', conversationId })).type).toBe('ack');
    await json(
      await reveal(conversationId, holder.token, { sequence, field: 'text', index: 0, reason: 'delivery' }),
      403,
    );
    await json(
      await reveal(conversationId, supervisor.token, {
        sequence,
        field: 'text',
        index: 0,
        reason: 'delivery',
      }),
      200,
    );

    // The rating's comment is the viewer's words too: masked in list rows as in the detail.
    viewer.send({ type: 'rate', score: 2, comment: `ring me on ${PHONE}`, clientMessageId: 'rate' });
    await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'rate' });
    const viewerId = `privacy-viewer-${viewers.indexOf(viewer) + 1}`;
    for (const path of ['/api/conversations', `/api/viewers/${viewerId}/conversations`]) {
      const listed = await json<{
        conversations: { conversationId: string; satisfaction: { comment: string | null } | null }[];
      }>(await server.request(path, { token: supervisor.token }), 200);
      const row = listed.conversations.find((candidate) => candidate.conversationId === conversationId);
      expect(row?.satisfaction?.comment, path).toBe('ring me on 138****5678');
    }
    const rated = await json<{ rating: { comment?: string } | null; ratings: { comment?: string }[] }>(
      await server.request(`/api/conversations/${conversationId}/satisfaction`, { token: supervisor.token }),
      200,
    );
    expect(rated.rating?.comment).toBe('ring me on 138****5678');
    expect(JSON.stringify(rated)).not.toContain(PHONE);
  });

  it('closes a sensitive conversation, its ticket and its list rows to agents who do not hold it now', async () => {
    const { conversationId } = await heldConversation();
    const ticket = await json<{ ticket: { id: string } }>(
      await server.request(`/api/conversations/${conversationId}/ticket`, {
        method: 'POST',
        token: holder.token,
      }),
      201,
    );
    // The holder passes it on: having held it, they may still read it, until it is marked sensitive.
    otherConsole.send({ type: 'presence', presence: 'online' });
    const moved = await holderConsole.command({
      type: 'transfer',
      conversationId,
      to: { agentId: other.userId },
      note: 'over to you',
    });
    expect(moved.type, JSON.stringify(moved)).toBe('ack');
    await otherConsole.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId && frame.status === 'offered',
    });
    expect((await otherConsole.command({ type: 'accept', conversationId })).type).toBe('ack');

    const detail = `/api/conversations/${conversationId}`;
    expect((await server.request(detail, { token: holder.token })).status).toBe(200);
    expect((await server.request(`/api/tickets/${ticket.ticket.id}`, { token: holder.token })).status).toBe(
      200,
    );

    // Only supervisors and admins mark it; an agent is refused and nothing changes.
    await json(
      await server.request(`${detail}/sensitive`, {
        method: 'PUT',
        token: holder.token,
        json: { sensitive: true },
      }),
      403,
    );
    await json(
      await server.request(`${detail}/sensitive`, {
        method: 'PUT',
        token: supervisor.token,
        json: { sensitive: 'yes' },
      }),
      400,
    );
    const marked = await json<{ sensitive: boolean; markedBy: string }>(
      await server.request(`${detail}/sensitive`, {
        method: 'PUT',
        token: supervisor.token,
        json: { sensitive: true, note: 'harassment report' },
      }),
      200,
    );
    expect(marked).toMatchObject({ sensitive: true, markedBy: supervisor.userId });

    // The agent who once held it: refused everywhere; the one holding it now, the supervisor, the admin: allowed.
    expect((await server.request(detail, { token: holder.token })).status).toBe(403);
    expect((await server.request(`${detail}/sensitive`, { token: holder.token })).status).toBe(403);
    expect((await server.request(`/api/tickets/${ticket.ticket.id}`, { token: holder.token })).status).toBe(
      403,
    );
    const holderList = await json<{ conversations: { conversationId: string }[] }>(
      await server.request('/api/conversations', { token: holder.token }),
      200,
    );
    expect(holderList.conversations.map((row) => row.conversationId)).not.toContain(conversationId);
    const holderTickets = await json<{ tickets: { id: string }[] }>(
      await server.request('/api/tickets', { token: holder.token }),
      200,
    );
    expect(holderTickets.tickets.map((row) => row.id)).not.toContain(ticket.ticket.id);
    const watch = holderConsole.mark();
    holderConsole.send({ type: 'watch', conversationId });
    expect((await holderConsole.waitForType('error', { from: watch })).code).toBe('forbidden');

    for (const token of [other.token, supervisor.token, admin.token]) {
      expect((await server.request(detail, { token })).status).toBe(200);
      expect((await server.request(`/api/tickets/${ticket.ticket.id}`, { token })).status).toBe(200);
    }
    const otherList = await json<{ conversations: { conversationId: string }[] }>(
      await server.request('/api/conversations', { token: other.token }),
      200,
    );
    expect(otherList.conversations.map((row) => row.conversationId)).toContain(conversationId);

    const audit = await json<{
      entries: { actorUsername: string; outcome: string; details: Record<string, unknown> }[];
    }>(await server.request(`/api/audit?action=conversation.sensitive`, { token: admin.token }), 200);
    const marks = audit.entries.filter((entry) => entry.details.sensitive === true);
    expect(marks.map((entry) => [entry.actorUsername, entry.outcome, entry.details.note])).toEqual([
      ['privacy-supervisor', 'success', 'harassment report'],
    ]);

    // Cleared: the old rule applies again.
    await json(
      await server.request(`${detail}/sensitive`, {
        method: 'PUT',
        token: supervisor.token,
        json: { sensitive: false },
      }),
      200,
    );
    expect((await server.request(detail, { token: holder.token })).status).toBe(200);
  });
});
