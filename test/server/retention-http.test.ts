import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { AgentTestClient } from './agent-test-client.js';
import { DEMO_PASSWORD } from './desk-server.js';
import { ViewerTestClient } from './viewer-test-client.js';

const DAY_MS = 86_400_000;

/**
 * Issue 16 part 3, retention on the real server with an injected clock: closed conversations and closed
 * tickets older than LIVEDESK_RETENTION_DAYS_* go (here: deleted), open and recent ones stay, and the run is
 * recorded in the audit log with its counts.
 */
describe('retention of closed conversations and tickets', () => {
  let server: RunningServer;
  let dataDir: string;
  let offsetMs = 0;
  const sockets: { close(): Promise<unknown> | void }[] = [];
  const url = (route: string) => `http://127.0.0.1:${server.port}${route}`;

  const request = (route: string, init: { method?: string; token?: string; json?: unknown } = {}) =>
    fetch(url(route), {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  const login = async (username: string): Promise<string> => {
    const response = await request('/api/auth/login', { json: { username, password: DEMO_PASSWORD } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-retention-'));
    const config = loadConfig({
      LIVEDESK_DATA_DIR: dataDir,
      PORT: '0',
      LIVEDESK_HTTP_RATE_PER_SECOND: '100000',
      LIVEDESK_HTTP_RATE_BURST: '100000',
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
      LIVEDESK_RETENTION_DAYS_CONVERSATIONS: '30',
      LIVEDESK_RETENTION_DAYS_TICKETS: '30',
      LIVEDESK_RETENTION_MODE: 'delete',
    });
    server = await startServer({
      config,
      hostname: '127.0.0.1',
      clock: () => new Date(Date.now() + offsetMs),
    });
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) await socket.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('deletes what is past its period on the next run, keeps the rest, and audits the counts', async () => {
    const admin = await login('admin');
    const agentToken = await login('agent');
    const agent = await AgentTestClient.connect(url('/ws/agent').replace('http', 'ws'));
    sockets.push(agent);
    await agent.authenticate(agentToken);

    const talk = async (viewerId: string) => {
      const issued = (await (
        await request('/api/viewer/tokens', {
          token: admin,
          json: { roomId: 'room-retention', viewerId, tier: 'regular', locale: 'en' },
        })
      ).json()) as { token: string };
      const viewer = await ViewerTestClient.connect(url('/ws/viewer').replace('http', 'ws'));
      sockets.push(viewer);
      const { conversationId } = await viewer.join({ token: issued.token });
      viewer.send({ type: 'message', text: 'I want to talk to a human', clientMessageId: 'ask' });
      await agent.waitForType('assignment', {
        where: (frame) => frame.conversationId === conversationId && frame.status === 'offered',
      });
      expect((await agent.command({ type: 'accept', conversationId })).type).toBe('ack');
      const made = (await (
        await request(`/api/conversations/${conversationId}/ticket`, { method: 'POST', token: agentToken })
      ).json()) as { ticket: { id: string; version: number } };
      return { conversationId, ticket: made.ticket, viewer };
    };

    const old = await talk('retention-old');
    const open = await talk('retention-open');
    expect((await agent.command({ type: 'close', conversationId: old.conversationId })).type).toBe('ack');
    // The viewer leaves: a closed conversation still joined stays in memory, and retention passes it by.
    await old.viewer.close();
    // Open → resolved → closed, as the ticket workflow allows.
    let version = old.ticket.version;
    for (const status of ['resolved', 'closed']) {
      const changed = await request(`/api/tickets/${old.ticket.id}`, {
        method: 'PATCH',
        token: admin,
        json: { expectedVersion: version, status },
      });
      expect(changed.status, await changed.clone().text()).toBe(200);
      version = ((await changed.json()) as { ticket: { version: number } }).ticket.version;
    }

    // Today nothing is 30 days old: a run changes nothing and records nothing.
    expect(
      await (await request('/api/privacy/retention/run', { method: 'POST', token: admin })).json(),
    ).toMatchObject({
      mode: 'delete',
      conversations: 0,
      tickets: 0,
    });

    offsetMs = 31 * DAY_MS;
    const later = await login('admin');
    const run = (await (
      await request('/api/privacy/retention/run', { method: 'POST', token: later })
    ).json()) as {
      conversations: number;
      tickets: number;
    };
    expect(run).toMatchObject({ conversations: 1, tickets: 1 });
    expect((await request(`/api/conversations/${old.conversationId}`, { token: later })).status).toBe(404);
    expect((await request(`/api/tickets/${old.ticket.id}`, { token: later })).status).toBe(404);
    // Still open: kept, however old.
    expect((await request(`/api/conversations/${open.conversationId}`, { token: later })).status).toBe(200);
    expect((await request(`/api/tickets/${open.ticket.id}`, { token: later })).status).toBe(200);

    const state = (await (await request('/api/privacy/retention', { token: later })).json()) as {
      policy: Record<string, unknown>;
      lastRun: Record<string, unknown>;
    };
    expect(state.policy).toMatchObject({ conversationsDays: 30, ticketsDays: 30, mode: 'delete' });
    expect(state.lastRun).toMatchObject({ conversations: 1, tickets: 1 });
    const audit = (await (await request('/api/audit?action=privacy.retention', { token: later })).json()) as {
      entries: { action: string; actorUsername: string | null; details: Record<string, unknown> }[];
    };
    const system = audit.entries.filter((entry) => entry.action === 'privacy.retention.run');
    expect(system).toHaveLength(1);
    expect(system[0]).toMatchObject({
      actorUsername: null,
      details: { mode: 'delete', conversations: 1, tickets: 1 },
    });
    expect(audit.entries.filter((entry) => entry.action === 'privacy.retention.run-now').length).toBe(2);
  }, 90_000);
});
