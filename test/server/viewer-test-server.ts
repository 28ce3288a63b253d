import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import type { Auth } from '../../server/auth/auth.js';
import { createAuthRuntime } from '../../server/auth/create-auth-runtime.js';
import { loadConfig } from '../../server/config.js';
import {
  createDeskRuntime,
  type DeskRuntime,
  type DeskRuntimeOptions,
} from '../../server/desk/desk-runtime.js';
import { createApp } from '../../server/http/create-app.js';
import { createKnowledgeRuntime, databasePath } from '../../server/knowledge-runtime.js';
import { createObservedConversationHub } from '../../server/realtime/observed-conversation-hub.js';
import type { ObservedEventLog } from '../../server/realtime/observed-event-log.js';
import { createSignalRuntime, loadConfiguredSignalModel } from '../../server/signals/signal-runtime.js';
import type { EntryInput } from '../../knowledge/entry.js';
import { TEST_SCRYPT_PARAMS } from './auth-test-server.js';
import { ViewerTestClient } from './viewer-test-client.js';
import { sqliteEventLog } from '../../server/storage/sqlite-stores.js';

export interface ViewerTestServer {
  baseUrl: string;
  viewerUrl: string;
  hub: ConversationHub;
  events: ObservedEventLog<ConversationEvent>;
  live: DeskRuntime;
  auth: Auth;
  /** A signed viewer token, as `POST /api/viewer/session` would issue it. */
  viewerToken(viewer?: {
    viewerId?: string;
    roomId?: string;
    tier?: 'regular' | 'vip';
    displayName?: string;
  }): Promise<{
    token: string;
    viewerId: string;
  }>;
  connect(): Promise<ViewerTestClient>;
  close(): Promise<void>;
}

/**
 * The product's parts on loopback port 0, wired as `startServer` wires them but with the internals in
 * reach: demo knowledge in a temp data folder, the SQLite event log, auth, the desk and its gateways.
 */
export async function startViewerTestServer(
  options: {
    env?: Record<string, string>;
    gateway?: DeskRuntimeOptions['viewerGateway'];
    agentGateway?: DeskRuntimeOptions['agentGateway'];
    /** A data folder to use (and keep at close): a second server on it is the first one restarted. */
    dataDir?: string;
    /** Entries added to the demo knowledge base, indexed before the server answers. */
    entries?: EntryInput[];
  } = {},
): Promise<ViewerTestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'livedesk-ws-'));
  const config = loadConfig({ LIVEDESK_DATA_DIR: dataDir, ...options.env });
  const learned = await loadConfiguredSignalModel(config.signalsModelFile);
  const runtime = await createKnowledgeRuntime(config);
  if (options.entries) {
    await runtime.store.importEntries(options.entries, 'test');
    await runtime.knowledgeBase.whenIndexed();
  }
  const database = createSqliteDatabase(databasePath(config));
  const { hub, events } = createObservedConversationHub({
    config,
    knowledgeBase: runtime.knowledgeBase,
    eventLog: sqliteEventLog(database),
    signals: await createSignalRuntime({ store: runtime.store, learned }),
  });
  const { auth, accounts, users, changes } = await createAuthRuntime({
    config,
    database,
    passwordParams: TEST_SCRYPT_PARAMS,
    log: () => undefined,
  });
  const live = createDeskRuntime({
    settings: config.desk,
    hub,
    events,
    auth,
    accountChanges: changes,
    users,
    ...(options.gateway ? { viewerGateway: options.gateway } : {}),
    ...(options.agentGateway ? { agentGateway: options.agentGateway } : {}),
  });
  await live.restore();
  const app = createApp({
    knowledgeBase: runtime.knowledgeBase,
    isReady: () => true,
    auth,
    accounts,
    http: config.http,
    desk: live.desk,
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started as Server),
    );
  });
  live.serve(server);
  const { port } = server.address() as AddressInfo;
  const clients: ViewerTestClient[] = [];
  const viewerUrl = `ws://127.0.0.1:${port}/ws/viewer`;
  let viewers = 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    viewerUrl,
    hub,
    events,
    live,
    auth,
    async viewerToken(viewer = {}) {
      viewers += 1;
      const viewerId = viewer.viewerId ?? `viewer-${viewers}`;
      const { token } = await auth.issueViewerToken({
        viewerId,
        roomId: viewer.roomId ?? 'room-1',
        tier: viewer.tier ?? 'regular',
        ...(viewer.displayName === undefined ? {} : { displayName: viewer.displayName }),
      });
      return { token, viewerId };
    },
    async connect() {
      const client = await ViewerTestClient.connect(viewerUrl);
      clients.push(client);
      return client;
    },
    async close() {
      await live.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all(clients.map((client) => client.closed));
      await hub.flushed();
      database.close();
      await runtime.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
