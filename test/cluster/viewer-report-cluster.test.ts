import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { callNode, startClusterTestNode } from '../support/cluster-test-node.js';
import { createPostgresTestSchema, type PostgresTestSchema } from '../support/postgres-test-schema.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { ViewerTestClient } from '../server/viewer-test-client.js';

const SECRET = 'viewer-report-cluster-secret-0123456789abcdef';

/**
 * Two nodes on one PostgreSQL schema and Redis: a viewer's report repeated on the other node, or sent to
 * both at once, gets one ticket, and the platform hears the block wish once (issue 16 part 3).
 */
describe('a viewer report repeated on another cluster node', () => {
  let schema: PostgresTestSchema;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const nodes: RunningServer[] = [];
  const folders: string[] = [];
  const clients: ViewerTestClient[] = [];

  const start = async (): Promise<RunningServer> => {
    const { node, folder } = await startClusterTestNode({
      databaseUrl: schema.url,
      secret: SECRET,
      folderPrefix: 'livedesk-report-cluster-',
      env: { LIVEDESK_WEBHOOK_ALLOW_PRIVATE: 'true', LIVEDESK_WEBHOOK_POLL_MS: '50' },
    });
    folders.push(folder);
    nodes.push(node);
    return node;
  };
  const call = callNode;

  beforeAll(async () => {
    schema = await createPostgresTestSchema();
    hooks = await startWebhookReceiver();
    await start();
    await start();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    for (const node of nodes.reverse()) await node.close();
    await hooks?.close();
    await schema?.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('answers the repeat on the second node with the first ticket, and sends the block wish once', async () => {
    const [first, second] = nodes as [RunningServer, RunningServer];
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'livedesk-demo' }),
    });
    const admin = ((await login.json()) as { token: string }).token;
    expect(
      (await call(first, '/api/webhooks', admin, { url: hooks.url, events: ['viewer.block.requested'] }))
        .status,
    ).toBe(201);
    const minted = await call(first, '/api/viewer/tokens', admin, {
      roomId: 'room-1on1',
      viewerId: 'cluster-reporter',
      tier: 'regular',
      locale: 'zh',
    });
    const { token } = (await minted.json()) as { token: string };
    const viewer = await ViewerTestClient.connect(`${first.url.replace(/^http/, 'ws')}/ws/viewer`);
    clients.push(viewer);
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: '对方一直骚扰我', clientMessageId: 'c-1' });
    await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'c-1' });

    const report = { conversationId, reportedUserId: 'u-cluster-9', reason: 'harassment', block: true };
    const made = await call(first, '/api/viewer/reports', token, report);
    expect(made.status).toBe(201);
    const { ticketId } = (await made.json()) as { ticketId: string };
    const again = await call(second, '/api/viewer/reports', token, report);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ ticketId, blockRequested: true });

    await hooks.waitFor(1);
    // Had the second node filed it again, a second wish (with another ticket) would follow.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hooks.received).toHaveLength(1);
    const tickets = (await (await call(second, '/api/tickets', admin)).json()) as {
      tickets: { id: string; title: string }[];
    };
    expect(
      tickets.tickets.filter((ticket) => ticket.title.includes('u-cluster-9')).map((ticket) => ticket.id),
    ).toEqual([ticketId]);

    // The same report sent to both nodes at the same moment: one ticket, one answer, one more wish.
    const both = { ...report, reportedUserId: 'u-cluster-10' };
    const answers = await Promise.all(
      [first, second].map(async (node) => {
        const response = await call(node, '/api/viewer/reports', token, both);
        expect(response.status).toBe(201);
        return (await response.json()) as { ticketId: string; blockRequested: boolean };
      }),
    );
    expect(answers[1]).toEqual(answers[0]);
    await hooks.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hooks.received).toHaveLength(2);
    const after = (await (await call(first, '/api/tickets', admin)).json()) as {
      tickets: { id: string; title: string }[];
    };
    expect(
      after.tickets.filter((ticket) => ticket.title.includes('u-cluster-10')).map((ticket) => ticket.id),
    ).toEqual([answers[0]?.ticketId]);
  }, 60_000);
});
