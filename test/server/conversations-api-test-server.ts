import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Database } from 'better-sqlite3';
import { createSqliteConversationQueries } from '../../adapters/sqlite/conversation-queries.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { createAuthRuntime, type AuthRuntime } from '../../server/auth/create-auth-runtime.js';
import { loadConfig, type LivedeskConfig } from '../../server/config.js';
import { createConversationHub } from '../../server/conversation-runtime.js';
import { createServerEvalRuns } from '../../server/eval-runs/create-server-eval-runs.js';
import { createSignalRuntime } from '../../server/signals/signal-runtime.js';
import type { EvalRunService } from '../../server/eval-runs/eval-run-service.js';
import type { EvalPace } from '../../server/eval-runs/run-live-eval.js';
import { createApp } from '../../server/http/create-app.js';
import {
  createKnowledgeRuntime,
  databasePath,
  type KnowledgeRuntime,
} from '../../server/knowledge-runtime.js';
import { sqliteEventLog } from '../../server/storage/sqlite-stores.js';

export const DEMO_PASSWORD = 'livedesk-demo';

/** A clock the test sets; every reading is a fresh Date. */
export class SettableClock {
  private nowMs: number;
  constructor(startIso: string) {
    this.nowMs = Date.parse(startIso);
  }
  readonly now = () => new Date(this.nowMs);
  set(iso: string): void {
    this.nowMs = Date.parse(iso);
  }
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

export interface HistoryTestServer {
  baseUrl: string;
  config: LivedeskConfig;
  database: Database;
  runtime: KnowledgeRuntime;
  auth: AuthRuntime['auth'];
  hub: ConversationHub;
  evalRuns: EvalRunService;
  clock: SettableClock;
  /** Signs in over HTTP and returns the bearer token. */
  login(username: string): Promise<string>;
  request(route: string, init?: { method?: string; token?: string; json?: unknown }): Promise<Response>;
  /** Stops HTTP, cancels a running eval and closes everything; `keepData` leaves the folder for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real app (demo knowledge and demo accounts, conversation history and eval runs) on loopback port 0,
 * with a conversation hub writing to the same SQLite file. Rate limits are raised: tests poll.
 */
export async function startHistoryTestServer(
  options: { dataDir?: string; pace?: EvalPace; newId?: () => string } = {},
): Promise<HistoryTestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'livedesk-history-api-'));
  const config = loadConfig({
    LIVEDESK_DATA_DIR: dataDir,
    LIVEDESK_HTTP_RATE_PER_SECOND: '10000',
    LIVEDESK_HTTP_RATE_BURST: '10000',
  });
  const clock = new SettableClock('2026-06-01T12:00:00.000Z');
  const runtime = await createKnowledgeRuntime(config);
  const database = createSqliteDatabase(databasePath(config));
  const { auth, accounts } = await createAuthRuntime({
    config,
    database,
    passwordParams: { log2N: 10, r: 8, p: 1 },
    log: () => {},
  });
  const signals = await createSignalRuntime({ store: runtime.store });
  const hub = createConversationHub({
    config,
    knowledgeBase: runtime.knowledgeBase,
    eventLog: sqliteEventLog(database),
    signals,
    clock: clock.now,
  });
  const evalRuns = createServerEvalRuns({
    config,
    knowledgeBase: runtime.knowledgeBase,
    signals,
    clock: clock.now,
    ...(options.pace ? { pace: options.pace } : {}),
    ...(options.newId ? { newId: options.newId } : {}),
  });
  const app = createApp({
    knowledgeBase: runtime.knowledgeBase,
    isReady: () => true,
    auth,
    accounts,
    http: config.http,
    conversations: createSqliteConversationQueries({ database }),
    evalRuns,
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started as Server),
    );
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request: HistoryTestServer['request'] = (route, init = {}) => {
    const headers = new Headers();
    if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${baseUrl}${route}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  };
  return {
    baseUrl,
    config,
    database,
    runtime,
    auth,
    hub,
    evalRuns,
    clock,
    request,
    async login(username) {
      const response = await request('/api/auth/login', {
        method: 'POST',
        json: { username, password: DEMO_PASSWORD },
      });
      if (response.status !== 200) throw new Error(`login as ${username}: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    async close(closeOptions = {}) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await evalRuns.close();
      await hub.flushed();
      database.close();
      await runtime.close();
      if (!closeOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
