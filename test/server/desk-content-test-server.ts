import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Database } from 'better-sqlite3';
import { createSqliteConversationQueries } from '../../adapters/sqlite/conversation-queries.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import type { Conversation } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import type { LiveContext } from '../../engine/ports.js';
import { createAuthRuntime, type AuthRuntime } from '../../server/auth/create-auth-runtime.js';
import { loadConfig } from '../../server/config.js';
import { createConversationHub } from '../../server/conversation-runtime.js';
import { createDeskContent, type DeskContent } from '../../server/desk/desk-content.js';
import { createApp } from '../../server/http/create-app.js';
import {
  createKnowledgeRuntime,
  databasePath,
  type KnowledgeRuntime,
} from '../../server/knowledge-runtime.js';
import { DEMO_PASSWORD, TEST_SCRYPT_PARAMS } from './auth-test-server.js';
import { sqliteDeskContentStores, sqliteEventLog } from '../../server/storage/sqlite-stores.js';

/** A conversation driven through the real engine, its events recorded as the hub emits them. */
export interface RecordedConversation {
  conversation: Conversation;
  events: ConversationEvent[];
  /** Resolves once an event of `type` was emitted (polling the recorded list). */
  waitFor(type: ConversationEvent['type']): Promise<void>;
}

export interface DeskContentTestServer {
  baseUrl: string;
  database: Database;
  hub: ConversationHub;
  deskContent: DeskContent;
  auth: AuthRuntime['auth'];
  login(username: string): Promise<string>;
  request(
    route: string,
    init?: { method?: string; token?: string; json?: unknown; body?: string },
  ): Promise<Response>;
  openConversation(profile: ViewerProfile, liveContext?: LiveContext): RecordedConversation;
  close(): Promise<void>;
}

/**
 * The product's HTTP app with tickets, quick replies and auto-reply rules on loopback port 0, over a real
 * SQLite file (demo knowledge, demo accounts, demo desk content) and the real conversation engine.
 */
export async function startDeskContentTestServer(
  options: { clock?: () => Date; newTicketId?: () => string } = {},
): Promise<DeskContentTestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-desk-content-'));
  const config = loadConfig({ LIVEDESK_DATA_DIR: dataDir });
  let runtime: KnowledgeRuntime | undefined;
  let database: Database | undefined;
  try {
    runtime = await createKnowledgeRuntime(config);
    database = createSqliteDatabase(databasePath(config));
    const authRuntime = await createAuthRuntime({
      config,
      database,
      passwordParams: TEST_SCRYPT_PARAMS,
      log: () => {},
    });
    const deskContent = await createDeskContent({
      stores: sqliteDeskContentStores(database),
      seedDemo: true,
      clock: options.clock,
      ...(options.newTicketId ? { newTicketId: options.newTicketId } : {}),
    });
    const hub = createConversationHub({
      config,
      knowledgeBase: runtime.knowledgeBase,
      eventLog: sqliteEventLog(database),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const app = createApp({
      knowledgeBase: runtime.knowledgeBase,
      isReady: () => true,
      auth: authRuntime.auth,
      accounts: authRuntime.accounts,
      // Many requests from one address in a test: the limiter is not what is tested here.
      http: { ...config.http, rateLimit: { perSecond: 10_000, burst: 10_000 } },
      deskContent,
      // The conversation access rule reads who held a conversation from its stored events.
      conversations: createSqliteConversationQueries({ database }),
    });
    const server = await new Promise<Server>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started as Server),
      );
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const request: DeskContentTestServer['request'] = (route, init = {}) => {
      const headers = new Headers();
      if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
      if (init.json !== undefined || init.body !== undefined) headers.set('content-type', 'application/json');
      const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
      return fetch(`${baseUrl}${route}`, {
        method: init.method ?? 'GET',
        headers,
        ...(body !== undefined ? { body } : {}),
      });
    };
    const openDatabase = database;
    const openRuntime = runtime;
    return {
      baseUrl,
      database: openDatabase,
      hub,
      deskContent,
      auth: authRuntime.auth,
      request,
      async login(username) {
        const response = await request('/api/auth/login', {
          method: 'POST',
          json: { username, password: DEMO_PASSWORD },
        });
        if (response.status !== 200) throw new Error(`login as ${username}: ${response.status}`);
        return ((await response.json()) as { token: string }).token;
      },
      openConversation(profile, liveContext) {
        const events: ConversationEvent[] = [];
        const conversation = hub.open({ profile, ...(liveContext ? { liveContext } : {}) }, (event) =>
          events.push(event),
        );
        return {
          conversation,
          events,
          async waitFor(type) {
            for (let attempt = 0; attempt < 400; attempt++) {
              if (events.some((event) => event.type === type)) return;
              await new Promise((resolve) => setTimeout(resolve, 25));
            }
            throw new Error(`no ${type} event; saw ${events.map((event) => event.type).join(', ')}`);
          },
        };
      },
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await hub.flushed();
        openDatabase.close();
        await openRuntime.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    database?.close();
    await runtime?.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
