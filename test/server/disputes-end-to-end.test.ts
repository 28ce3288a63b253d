import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketHistoryEntry } from '../../engine/tickets/ticket.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';

/** An ISO time `hours` before now, as a client sends the form's "when". */
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

describe('gift and top-up disputes through the real server', () => {
  let server: DeskServer;
  let supervisor: StaffMember;
  // The test's own data folder, so a test can put the database in the state a crash leaves.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-disputes-'));

  beforeAll(async () => {
    server = await startDeskServer({ LIVEDESK_DATA_DIR: dataDir });
    supervisor = await server.login('supervisor');
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ticket = async (id: string) => {
    const response = await server.request(`/api/tickets/${id}`, { token: supervisor.token });
    expect(response.status).toBe(200);
    return (await response.json()) as { ticket: Ticket; history: TicketHistoryEntry[] };
  };

  it('offers the gift refund form, refuses a bad one, files a finance ticket once and reports its moves', async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-gifts', locale: 'zh' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: '送错礼物要退', clientMessageId: 'm-1' });
    const { event: form } = await viewer.waitForEvent('dispute-form');
    expect(form.kind).toBe('gift-refund');
    expect(form.fields.map((field) => field.name)).toEqual(['gift', 'occurredAt', 'amount', 'note']);
    expect(form.title).toMatchObject({
      zh: '礼物退款申请',
      en: 'Gift refund request',
      ja: 'ギフトの返金申請',
    });

    const beforeBad = viewer.mark();
    viewer.send({
      type: 'dispute-submit',
      formId: form.formId,
      clientMessageId: 'bad-1',
      values: { gift: '', occurredAt: hoursAgo(2), amount: 'lots' },
    });
    const refused = await viewer.waitForError('invalid_frame', beforeBad);
    expect(refused.message).toContain('gift (required)');
    expect(refused.message).toContain('amount (invalid_amount)');
    viewer.send({ type: 'dispute-submit', formId: 'no-such-form', clientMessageId: 'bad-2', values: {} });
    await viewer.waitForError('invalid_frame', beforeBad + 1);

    const values = {
      gift: '嘉年华 ×1',
      occurredAt: hoursAgo(3),
      amount: '128',
      note: '点错了主播，电话13812345678',
    };
    const before = viewer.mark();
    viewer.send({ type: 'dispute-submit', formId: form.formId, clientMessageId: 'd-1', values });
    const ack = await viewer.waitForType('ack', {
      from: before,
      where: (frame) => frame.clientMessageId === 'd-1',
    });
    const { event: filed, sequence } = await viewer.waitForEvent('dispute-update', { from: before });
    expect(ack.sequence).toBe(sequence);
    expect(filed).toMatchObject({
      status: 'open',
      submitted: true,
      handling: 'finance',
      kind: 'gift-refund',
    });
    expect(filed.viewerText).toContain(`工单 ${filed.ticketId}`);
    expect(filed.viewerText).toContain('财务团队会在 24 小时内处理');
    expect(filed).not.toHaveProperty('reasons');
    expect(filed.facts).toMatchObject({ amount: 128, text: { gift: '嘉年华 ×1' } });
    // Staff read the note the viewer typed with its personal data masked, as they read their messages.
    const detail = await server.request(`/api/conversations/${conversationId}`, { token: supervisor.token });
    const detailText = await detail.text();
    expect(detail.status).toBe(200);
    expect(detailText).toContain('点错了主播，电话138****5678');
    expect(detailText).not.toContain('13812345678');

    // The same submission again files nothing new; another client's is refused.
    const resend = viewer.mark();
    viewer.send({ type: 'dispute-submit', formId: form.formId, clientMessageId: 'd-1', values });
    await viewer.waitForType('ack', { from: resend, where: (frame) => frame.clientMessageId === 'd-1' });
    viewer.send({ type: 'dispute-submit', formId: form.formId, clientMessageId: 'd-2', values });
    await viewer.waitForError('conflict', resend);
    expect(viewer.events(resend).filter((frame) => frame.event.type === 'dispute-update')).toHaveLength(0);
    const listed = await server.request('/api/tickets?department=finance', { token: supervisor.token });
    const page = (await listed.json()) as { tickets: Ticket[] };
    expect(page.tickets.filter((item) => item.tags.includes('dispute'))).toHaveLength(1);

    const { ticket: made } = await ticket(filed.ticketId);
    expect(made).toMatchObject({ department: 'finance', priority: 'normal', status: 'open' });
    expect(made.tags).toEqual(['dispute', 'gift-refund']);
    expect(made.description).toContain('嘉年华 ×1');
    expect(made.description).toContain('128 CNY');
    expect(made.description).not.toContain('13812345678');
    // The finance department's response time for a normal ticket (a day) is the SLA.
    expect(Date.parse(made.dueAt!) - Date.parse(made.createdAt)).toBe(24 * 3_600_000);

    const moved = viewer.mark();
    const patched = await server.request(`/api/tickets/${made.id}`, {
      method: 'PATCH',
      token: supervisor.token,
      json: { expectedVersion: made.version, status: 'pending' },
    });
    expect(patched.status).toBe(200);
    const { event: update } = await viewer.waitForEvent('dispute-update', { from: moved });
    expect(update).toMatchObject({ status: 'pending', submitted: false, ticketId: made.id });
    expect(update.viewerText).toBe(`您的礼物退款申请（工单 ${made.id}）正在处理中。`);
  });

  it('a resend after a crash between filing the ticket and linking it files no second ticket', async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-crash', locale: 'en' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: 'my top-up never arrived', clientMessageId: 'm-1' });
    const { event: form } = await viewer.waitForEvent('dispute-form');
    const values = { orderId: 'T-crash-1', occurredAt: hoursAgo(2), amount: '30' };
    const before = viewer.mark();
    viewer.send({ type: 'dispute-submit', formId: form.formId, clientMessageId: 'd-1', values });
    const { event: filed } = await viewer.waitForEvent('dispute-update', { from: before });

    // What the database holds when the process dies after the ticket is made and before the dispute names it.
    const database = new Database(path.join(dataDir, 'livedesk.sqlite'));
    try {
      const unlinked = database
        .prepare('UPDATE disputes SET ticket_id = NULL WHERE ticket_id = ?')
        .run(filed.ticketId);
      expect(unlinked.changes).toBe(1);
    } finally {
      database.close();
    }

    const resend = viewer.mark();
    viewer.send({ type: 'dispute-submit', formId: form.formId, clientMessageId: 'd-1', values });
    const { event: again } = await viewer.waitForEvent('dispute-update', { from: resend });
    expect(again.ticketId).toBe(filed.ticketId);
    const listed = await server.request('/api/tickets?department=finance', { token: supervisor.token });
    const page = (await listed.json()) as { tickets: Ticket[] };
    const mine = page.tickets.filter((item) => item.description.includes(`Conversation: ${conversationId}`));
    expect(mine.map((item) => item.id)).toEqual([filed.ticketId]);
  });

  it("sends a minor's spending to a person with the reason, in English for an English viewer", async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-minors', locale: 'en' });
    await viewer.join({ token });
    viewer.send({ type: 'message', text: 'my child spent money without permission', clientMessageId: 'm-1' });
    const { event: form } = await viewer.waitForEvent('dispute-form');
    expect(form.kind).toBe('minor-spending');
    const before = viewer.mark();
    viewer.send({
      type: 'dispute-submit',
      formId: form.formId,
      clientMessageId: 'd-1',
      values: { orderId: 'R-20261207-88', occurredAt: hoursAgo(30), amount: '45' },
    });
    const { event: filed } = await viewer.waitForEvent('dispute-update', { from: before });
    expect(filed).toMatchObject({ handling: 'person', status: 'open' });
    expect(filed.viewerText).toContain('A person needs to review this');
    const { ticket: made } = await ticket(filed.ticketId);
    expect(made).toMatchObject({ department: 'finance', priority: 'high', orderId: 'R-20261207-88' });
    expect(made.tags).toContain('needs-person');
    expect(made.description).toContain('the policy sends every such dispute to a person');
  });

  it('offers the forms for the other phrasings too, the escalated minor case included', async () => {
    for (const [locale, text, kind] of [
      ['zh', '未成年人消费退款', 'minor-spending'],
      ['zh', '充值没到账', 'top-up-missing'],
      ['en', 'my top-up never arrived', 'top-up-missing'],
      ['en', 'I sent the wrong gift, refund please', 'gift-refund'],
    ] as const) {
      const viewer = await server.connectViewer();
      const { token } = await server.viewerToken({ roomId: `room-${kind}`, locale });
      await viewer.join({ token });
      viewer.send({ type: 'message', text, clientMessageId: 'm-1' });
      const { event: form } = await viewer.waitForEvent('dispute-form');
      expect(form.kind, text).toBe(kind);
    }
  });

  it('sends a gift refund over the limit to a person: the conversation is escalated with the reason', async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-big', locale: 'en' });
    await viewer.join({ token });
    viewer.send({ type: 'message', text: 'I sent a gift to the wrong streamer', clientMessageId: 'm-1' });
    const { event: form } = await viewer.waitForEvent('dispute-form');
    const before = viewer.mark();
    viewer.send({
      type: 'dispute-submit',
      formId: form.formId,
      clientMessageId: 'd-1',
      values: { gift: 'Rocket', occurredAt: hoursAgo(1), amount: '2000' },
    });
    await viewer.waitForEvent('state-change', {
      from: before,
      where: (event) => event.to === 'pending_human',
    });
    const { event: filed } = await viewer.waitForEvent('dispute-update', { from: before });
    expect(filed.handling).toBe('person');
    const queue = await server.request('/api/desk/queue', { token: supervisor.token });
    expect(queue.status).toBe(200);
    const listed = await server.request(`/api/tickets/${filed.ticketId}`, { token: supervisor.token });
    const { ticket: made } = (await listed.json()) as { ticket: Ticket };
    expect(made.description).toContain('over the limit of 500 CNY');
  });
});
