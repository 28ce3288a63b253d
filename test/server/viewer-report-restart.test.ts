import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from './desk-server.js';

/**
 * A viewer's repeated report is answered with the first ticket even when the server restarted in between
 * (the report is remembered in the SQLite file, not in the process): no second ticket is made.
 */
describe('a repeated viewer report across a restart on the same SQLite file', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-report-restart-'));
  const servers: DeskServer[] = [];
  const start = async (): Promise<DeskServer> => {
    const server = await startDeskServer({ LIVEDESK_DATA_DIR: dataDir });
    servers.push(server);
    return server;
  };

  afterAll(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns the first ticket after a restart and makes no second one', async () => {
    const first = await start();
    const { token } = await first.viewerToken({ roomId: 'room-1on1', viewerId: 'reporter-1', locale: 'zh' });
    const viewer = await first.connectViewer();
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: '对方一直骚扰我', clientMessageId: 'm-1' });
    await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'm-1' });
    const report = { conversationId, reportedUserId: 'u-harasser-7', reason: 'harassment', block: false };
    const made = await first.request('/api/viewer/reports', { token, json: report });
    expect(made.status).toBe(201);
    const { ticketId } = (await made.json()) as { ticketId: string };
    servers.splice(servers.indexOf(first), 1);
    await first.close();

    const second = await start();
    const again = await second.request('/api/viewer/reports', { token, json: report });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ ticketId, blockRequested: false });
    // Another reported user is another report: a ticket of its own.
    const other = await second.request('/api/viewer/reports', {
      token,
      json: { ...report, reportedUserId: 'u-other-8' },
    });
    expect(other.status).toBe(201);
    expect(((await other.json()) as { ticketId: string }).ticketId).not.toBe(ticketId);

    const supervisor = await second.createStaff({ username: 'restart-supervisor', role: 'supervisor' });
    const list = (await (await second.request('/api/tickets', { token: supervisor.token })).json()) as {
      tickets: { id: string; title: string }[];
    };
    const reports = list.tickets.filter((ticket) => ticket.title.includes('u-harasser-7'));
    expect(reports.map((ticket) => ticket.id)).toEqual([ticketId]);
  }, 120_000);
});
