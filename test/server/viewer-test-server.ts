import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { loadConfig } from '../../server/config.js';
import { createApp } from '../../server/http/create-app.js';
import { createKnowledgeRuntime, databasePath } from '../../server/knowledge-runtime.js';
import { createObservedConversationHub } from '../../server/realtime/observed-conversation-hub.js';
import type { ObservedEventLog } from '../../server/realtime/observed-event-log.js';
import {
  attachViewerGateway,
  type ViewerGateway,
  type ViewerGatewayOptions,
} from '../../server/realtime/viewer-gateway.js';
import { ViewerTestClient } from './viewer-test-client.js';

export interface ViewerTestServer {
  baseUrl: string;
  viewerUrl: string;
  hub: ConversationHub;
  events: ObservedEventLog<ConversationEvent>;
  gateway: ViewerGateway;
  connect(): Promise<ViewerTestClient>;
  close(): Promise<void>;
}

/** The real server on loopback port 0: demo knowledge in a temp data folder, SQLite event log, viewer gateway. */
export async function startViewerTestServer(
  options: { env?: Record<string, string>; gateway?: Omit<ViewerGatewayOptions, 'hub' | 'events'> } = {},
): Promise<ViewerTestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-ws-'));
  const config = loadConfig({ LIVEDESK_DATA_DIR: dataDir, ...options.env });
  const runtime = await createKnowledgeRuntime(config);
  const database = createSqliteDatabase(databasePath(config));
  const { hub, events } = createObservedConversationHub({
    config,
    knowledgeBase: runtime.knowledgeBase,
    database,
  });
  const app = createApp({ knowledgeBase: runtime.knowledgeBase, isReady: () => true });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started as Server),
    );
  });
  const gateway = attachViewerGateway(server, { hub, events, ...options.gateway });
  const { port } = server.address() as AddressInfo;
  const clients: ViewerTestClient[] = [];
  const viewerUrl = `ws://127.0.0.1:${port}/ws/viewer`;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    viewerUrl,
    hub,
    events,
    gateway,
    async connect() {
      const client = await ViewerTestClient.connect(viewerUrl);
      clients.push(client);
      return client;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all(clients.map((client) => client.closed));
      await hub.flushed();
      database.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
