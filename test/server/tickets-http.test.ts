import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketHistoryEntry } from '../../engine/tickets/ticket.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { startDeskContentTestServer, type DeskContentTestServer } from './desk-content-test-server.js';

let server: DeskContentTestServer;
let agent: string;
let supervisor: string;
let editor: string;
let ticketCounter = 0;

beforeAll(async () => {
  server = await startDeskContentTestServer({ newTicketId: () => `T-${++ticketCounter}` });
  [agent, supervisor, editor] = await Promise.all([
    server.login('agent'),
    server.login('supervisor'),
    server.login('editor'),
  ]);
});

afterAll(async () => {
  await server.close();
});

interface TicketView {
  ticket: Ticket;
  history: TicketHistoryEntry[];
  satisfaction: { rating: { score: number; comment?: string } | null; requested: boolean } | null;
}

async function json<T>(response: Response, status: number): Promise<T> {
  const body = (await response.json()) as T;
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

async function createTicket(token: string, fields: Record<string, unknown> = {}): Promise<Ticket> {
  const response = await server.request('/api/tickets', {
    method: 'POST',
    token,
    json: { title: 'Coins missing', description: 'Paid 50, got nothing', ...fields },
  });
  return (await json<{ ticket: Ticket }>(response, 201)).ticket;
}

function patch(id: string, token: string, body: Record<string, unknown>): Promise<Response> {
  return server.request(`/api/tickets/${id}`, { method: 'PATCH', token, json: body });
}

/** A viewer asks for a person in the real engine; resolves with the conversation once the handoff is stored. */
async function escalatedConversation() {
  const recorded = server.openConversation(
    { viewerId: 'viewer-42', tier: 'vip', locale: 'zh', displayName: '小林' },
    { roomId: 'room-7', streamerName: 'Mia' },
  );
  recorded.conversation.viewerMessage('我充值了50元金币一直没到账');
  await recorded.waitFor('turn-end');
  recorded.conversation.viewerMessage('我要找人工客服，马上转人工！');
  await recorded.waitFor('handoff');
  await server.hub.flushed();
  const handoff = recorded.events.find(
    (event): event is Extract<ConversationEvent, { type: 'handoff' }> => event.type === 'handoff',
  )!;
  return { ...recorded, packet: handoff.packet };
}

describe('tickets over HTTP', () => {
  it('prefills a ticket from a stored conversation: viewer, room, summary, priority, transcript links', async () => {
    const { conversation, packet } = await escalatedConversation();
    // The agent never held it: only a supervisor may make its ticket (server/desk/conversation-access.ts).
    const foreign = await server.request(`/api/conversations/${conversation.id}/ticket`, {
      method: 'POST',
      token: agent,
    });
    expect(foreign.status).toBe(403);
    const response = await server.request(`/api/conversations/${conversation.id}/ticket`, {
      method: 'POST',
      token: supervisor,
    });
    const { ticket } = await json<{ ticket: Ticket }>(response, 201);
    expect(ticket).toMatchObject({
      status: 'open',
      version: 1,
      viewer: { viewerId: 'viewer-42', displayName: '小林', tier: 'vip', locale: 'zh' },
      roomId: 'room-7',
      conversationId: conversation.id,
      priority: packet.priority,
      links: {
        transcript: `/console#conversation=${conversation.id}`,
        api: `/api/conversations/${conversation.id}`,
      },
      createdBy: expect.any(String) as unknown,
    });
    expect(packet.summary.text.length).toBeGreaterThan(0);
    expect(ticket.description.startsWith(packet.summary.text)).toBe(true);
    expect(ticket.tags).toEqual(packet.reasons);
    expect(ticket.tags).toContain('human_request');

    const second = await server.request(`/api/conversations/${conversation.id}/ticket`, {
      method: 'POST',
      token: supervisor,
      json: { title: 'again' },
    });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      message: `conversation ${conversation.id} already has ticket ${ticket.id}`,
    });
  });

  it('shows the satisfaction score the viewer gave on the ticket and on the conversation', async () => {
    const { conversation } = await escalatedConversation();
    const { ticket } = await json<{ ticket: Ticket }>(
      await server.request(`/api/conversations/${conversation.id}/ticket`, {
        method: 'POST',
        token: supervisor,
        json: { department: 'finance', priority: 'high', title: 'Top-up not credited' },
      }),
      201,
    );
    expect(ticket).toMatchObject({ department: 'finance', priority: 'high', title: 'Top-up not credited' });
    const before = await json<TicketView>(
      await server.request(`/api/tickets/${ticket.id}`, { token: supervisor }),
      200,
    );
    expect(before.satisfaction).toMatchObject({ requested: false, rating: null });

    expect(conversation.assign('agent-1')).toBe(true);
    expect(conversation.close('agent-1')).toBe(true);
    expect(conversation.requestSatisfaction()).toBe(true);
    expect(conversation.rate({ score: 4, comment: '挺快的' })).toBe(true);
    await server.hub.flushed();

    const view = await json<TicketView>(
      await server.request(`/api/tickets/${ticket.id}`, { token: supervisor }),
      200,
    );
    expect(view.satisfaction).toMatchObject({ requested: true, rating: { score: 4, comment: '挺快的' } });
    const satisfaction = await json<Record<string, unknown>>(
      await server.request(`/api/conversations/${conversation.id}/satisfaction`, { token: supervisor }),
      200,
    );
    expect(satisfaction).toMatchObject({
      conversationId: conversation.id,
      requested: true,
      awaiting: false,
      rating: { score: 4, comment: '挺快的' },
    });
  });

  it('answers 404 for a conversation that was never stored', async () => {
    for (const route of ['/api/conversations/nope/ticket', '/api/conversations/nope/satisfaction']) {
      const response = await server.request(route, {
        method: route.endsWith('ticket') ? 'POST' : 'GET',
        token: agent,
      });
      expect(response.status).toBe(404);
    }
  });

  it('walks a ticket through its workflow with a history row for every change', async () => {
    const ticket = await createTicket(agent);
    const pending = await json<{ ticket: Ticket; changed: boolean }>(
      await patch(ticket.id, agent, {
        expectedVersion: 1,
        status: 'pending',
        assigneeId: 'u-ben',
        note: 'asked for the receipt',
      }),
      200,
    );
    expect(pending).toMatchObject({
      changed: true,
      ticket: { status: 'pending', assigneeId: 'u-ben', version: 2 },
    });
    await json(await patch(ticket.id, agent, { expectedVersion: 2, status: 'resolved' }), 200);
    await json(await patch(ticket.id, agent, { expectedVersion: 3, status: 'closed' }), 200);
    const comment = await server.request(`/api/tickets/${ticket.id}/comments`, {
      method: 'POST',
      token: agent,
      json: { comment: 'late note' },
    });
    expect(comment.status).toBe(409);

    const agentReopen = await patch(ticket.id, agent, { expectedVersion: 4, status: 'open' });
    expect(agentReopen.status).toBe(403);
    await json(
      await patch(ticket.id, supervisor, { expectedVersion: 4, status: 'open', note: 'viewer wrote again' }),
      200,
    );
    await json(
      await server.request(`/api/tickets/${ticket.id}/comments`, {
        method: 'POST',
        token: agent,
        json: { comment: 'on it' },
      }),
      201,
    );

    const view = await json<TicketView>(
      await server.request(`/api/tickets/${ticket.id}`, { token: agent }),
      200,
    );
    expect(view.ticket).toMatchObject({ status: 'open', version: 5 });
    expect(view.satisfaction).toBeNull();
    expect(
      view.history.map((entry) => [entry.field, entry.before, entry.after, entry.actorName, entry.comment]),
    ).toEqual([
      [
        'created',
        null,
        {
          title: 'Coins missing',
          status: 'open',
          department: 'general',
          priority: 'normal',
          assigneeId: null,
        },
        'Ada Agent',
        undefined,
      ],
      ['status', 'open', 'pending', 'Ada Agent', 'asked for the receipt'],
      ['assigneeId', null, 'u-ben', 'Ada Agent', 'asked for the receipt'],
      ['status', 'pending', 'resolved', 'Ada Agent', undefined],
      ['status', 'resolved', 'closed', 'Ada Agent', undefined],
      ['status', 'closed', 'open', 'Sam Supervisor', 'viewer wrote again'],
      ['comment', null, null, 'Ada Agent', 'on it'],
    ]);
  });

  it('refuses a change made against a stale version and keeps the winner', async () => {
    const ticket = await createTicket(agent);
    const [first, second] = await Promise.all([
      patch(ticket.id, agent, { expectedVersion: 1, priority: 'urgent' }),
      patch(ticket.id, supervisor, { expectedVersion: 1, priority: 'low' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const view = await json<TicketView>(
      await server.request(`/api/tickets/${ticket.id}`, { token: agent }),
      200,
    );
    expect(view.ticket.version).toBe(2);
    expect(view.history.filter((entry) => entry.field === 'priority')).toHaveLength(1);
    expect(await (first.status === 409 ? first : second).json()).toMatchObject({ error: 'conflict' });
  });

  it('hands a ticket to another department only with a note, recorded in its history', async () => {
    const ticket = await createTicket(agent);
    const withoutNote = await patch(ticket.id, agent, { expectedVersion: 1, department: 'logistics' });
    expect(withoutNote.status).toBe(400);
    const unknown = await patch(ticket.id, agent, { expectedVersion: 1, department: 'marketing', note: 'x' });
    expect(unknown.status).toBe(400);
    await json(
      await patch(ticket.id, agent, {
        expectedVersion: 1,
        department: 'logistics',
        note: 'parcel lost, over to you',
      }),
      200,
    );
    const view = await json<TicketView>(
      await server.request(`/api/tickets/${ticket.id}`, { token: agent }),
      200,
    );
    expect(view.history.at(-1)).toMatchObject({
      field: 'department',
      before: 'general',
      after: 'logistics',
      comment: 'parcel lost, over to you',
    });
  });

  it('rejects malformed input with a clear message and changes nothing', async () => {
    const ticket = await createTicket(agent);
    for (const body of [
      {},
      { expectedVersion: 1 },
      { expectedVersion: 1, status: 'done' },
      { expectedVersion: 1, priority: 'high', extra: true },
    ]) {
      const response = await patch(ticket.id, agent, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_input' });
    }
    const broken = await server.request(`/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      body: '{"expectedVersion":',
    });
    expect(broken.status).toBe(400);
    const missingTitle = await server.request('/api/tickets', {
      method: 'POST',
      token: agent,
      json: { title: ' ' },
    });
    expect(missingTitle.status).toBe(400);
    const view = await json<TicketView>(
      await server.request(`/api/tickets/${ticket.id}`, { token: agent }),
      200,
    );
    expect(view.ticket.version).toBe(1);
    expect(view.history).toHaveLength(1);
    expect((await server.request('/api/tickets/not%20an%20id', { token: agent })).status).toBe(400);
    expect((await server.request('/api/tickets/T-missing', { token: agent })).status).toBe(404);
  });

  it('lists tickets by filter, one page at a time', async () => {
    const finance = await createTicket(agent, {
      department: 'finance',
      priority: 'urgent',
      assigneeId: 'u-fin',
    });
    const query = (search: string) =>
      server
        .request(`/api/tickets?${search}`, { token: supervisor })
        .then((response) =>
          json<{ tickets: Ticket[]; total: number; limit: number; offset: number }>(response, 200),
        );
    const urgentFinance = await query('department=finance&priority=urgent&status=');
    expect(urgentFinance.tickets.map((ticket) => ticket.id)).toContain(finance.id);
    expect(
      urgentFinance.tickets.every(
        (ticket) => ticket.department === 'finance' && ticket.priority === 'urgent',
      ),
    ).toBe(true);
    expect((await query('assigneeId=u-fin')).tickets.map((ticket) => ticket.id)).toEqual([finance.id]);
    expect((await query('assigneeId=none')).tickets.some((ticket) => ticket.id === finance.id)).toBe(false);
    const firstPage = await query('limit=2');
    const secondPage = await query('limit=2&offset=2');
    expect(firstPage.tickets).toHaveLength(2);
    expect(firstPage.total).toBeGreaterThanOrEqual(4);
    expect(secondPage.tickets[0]?.id).not.toBe(firstPage.tickets[0]?.id);
    expect(firstPage.tickets[0]?.id).toBe(finance.id);
    const bad = await server.request('/api/tickets?limit=0', { token: agent });
    expect(bad.status).toBe(400);
  });

  it('lets only staff who work tickets in', async () => {
    const { token: viewer } = await server.auth.issueViewerToken({
      viewerId: 'v1',
      roomId: 'r1',
      tier: 'regular',
    });
    expect((await server.request('/api/tickets')).status).toBe(401);
    expect((await server.request('/api/tickets', { token: 'forged' })).status).toBe(401);
    expect((await server.request('/api/tickets', { token: viewer })).status).toBe(403);
    expect((await server.request('/api/tickets', { token: editor })).status).toBe(403);
    const create = await server.request('/api/tickets', {
      method: 'POST',
      token: editor,
      json: { title: 'x' },
    });
    expect(create.status).toBe(403);
    expect((await server.request('/api/conversations/c/satisfaction', { token: editor })).status).toBe(403);
    expect((await server.request('/api/tickets', { token: agent })).status).toBe(200);
    const admin = await server.login('admin');
    expect((await server.request('/api/tickets', { token: admin })).status).toBe(200);
  });

  it('describes every ticket route in the OpenAPI document', async () => {
    const document = (await (await server.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/api/tickets'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/tickets/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(document.paths['/api/tickets/{id}/comments']).toHaveProperty('post');
    expect(document.paths['/api/conversations/{id}/ticket']).toHaveProperty('post');
    expect(document.paths['/api/conversations/{id}/satisfaction']).toHaveProperty('get');
  });
});

interface DepartmentBody {
  id: string;
  names: { zh: string; en: string };
  responseMinutes: { low: number; normal: number; high: number; urgent: number };
  enabled: boolean;
  isDefault: boolean;
}

describe('ticket departments over HTTP', () => {
  const departments = (token: string) =>
    server
      .request('/api/ticket-departments', { token })
      .then((response) => json<{ departments: DepartmentBody[] }>(response, 200))
      .then((body) => body.departments);
  const putDepartment = (id: string, token: string, body: unknown) =>
    server.request(`/api/ticket-departments/${id}`, { method: 'PUT', token, json: body });
  const minutesBetween = (from: string, to: string | undefined) =>
    to === undefined ? undefined : (Date.parse(to) - Date.parse(from)) / 60_000;

  it('starts with the default departments, named in Chinese and English, for the console to list', async () => {
    const listed = await departments(agent);
    expect(listed.map((department) => department.id)).toEqual([
      'general',
      'finance',
      'logistics',
      'tech',
      'after-sales',
    ]);
    expect(listed.find((department) => department.id === 'after-sales')).toMatchObject({
      names: { zh: '售后', en: 'After-sales' },
      enabled: true,
      isDefault: false,
    });
    expect(listed.filter((department) => department.isDefault).map((department) => department.id)).toEqual([
      'general',
    ]);
  });

  it('dates each ticket by its department’s response time, again when it moves or its priority changes', async () => {
    const ticket = await createTicket(agent, { department: 'finance', priority: 'high' });
    expect(minutesBetween(ticket.createdAt, ticket.dueAt)).toBe(240);
    const moved = await json<{ ticket: Ticket }>(
      await patch(ticket.id, agent, {
        expectedVersion: 1,
        department: 'tech',
        priority: 'urgent',
        note: 'app crashes when paying',
      }),
      200,
    );
    expect(minutesBetween(moved.ticket.updatedAt, moved.ticket.dueAt)).toBe(30);
  });

  it('lets an admin add a department with its own targets; tickets can then be routed to it', async () => {
    const admin = await server.login('admin');
    const created = await putDepartment('live-ops', admin, {
      names: { zh: '直播运营', en: 'Live operations' },
      responseMinutes: { urgent: 15, high: 60, normal: 240, low: 1440 },
      position: 60,
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      department: { id: 'live-ops', updatedBy: 'admin', enabled: true, isDefault: false },
    });
    expect((await departments(agent)).map((department) => department.id)).toContain('live-ops');
    const ticket = await createTicket(agent, { department: 'live-ops', priority: 'urgent' });
    expect(minutesBetween(ticket.createdAt, ticket.dueAt)).toBe(15);

    const changed = await putDepartment('live-ops', admin, {
      names: { zh: '直播运营', en: 'Live operations' },
      responseMinutes: { urgent: 10, high: 60, normal: 240, low: 1440 },
      enabled: false,
      position: 60,
    });
    expect(changed.status).toBe(200);
    const refused = await server.request('/api/tickets', {
      method: 'POST',
      token: agent,
      json: { title: 'x', department: 'live-ops' },
    });
    expect(refused.status).toBe(400);
  });

  it('lets only admins change departments, and refuses bad input without changing anything', async () => {
    const admin = await server.login('admin');
    const body = {
      names: { zh: '售后服务', en: 'After-sales' },
      responseMinutes: { urgent: 60, high: 120, normal: 240, low: 480 },
    };
    expect((await putDepartment('after-sales', agent, body)).status).toBe(403);
    expect((await putDepartment('after-sales', supervisor, body)).status).toBe(403);
    expect((await server.request('/api/ticket-departments')).status).toBe(401);
    expect((await server.request('/api/ticket-departments', { token: editor })).status).toBe(403);
    for (const bad of [
      {},
      { ...body, names: { zh: '', en: 'After-sales' } },
      { ...body, responseMinutes: { urgent: 600, high: 120, normal: 240, low: 480 } },
      { ...body, responseMinutes: { urgent: 0, high: 120, normal: 240, low: 480 } },
      { ...body, colour: 'red' },
    ]) {
      const response = await putDepartment('after-sales', admin, bad);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_input' });
    }
    expect((await putDepartment('After Sales!', admin, body)).status).toBe(400);
    const lastDefault = await putDepartment('general', admin, {
      names: { zh: '综合', en: 'General' },
      responseMinutes: { urgent: 60, high: 240, normal: 1440, low: 4320 },
      isDefault: false,
    });
    expect(lastDefault.status).toBe(400);
    const listed = await departments(admin);
    expect(listed.find((department) => department.id === 'after-sales')?.names.zh).toBe('售后');
    expect(listed.find((department) => department.id === 'general')?.isDefault).toBe(true);
  });

  it('describes the department routes in the OpenAPI document', async () => {
    const document = (await (await server.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.paths['/api/ticket-departments']).toHaveProperty('get');
    expect(document.paths['/api/ticket-departments/{id}']).toHaveProperty('put');
  });
});
