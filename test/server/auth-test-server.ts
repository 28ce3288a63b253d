import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Database } from 'better-sqlite3';
import type { Hono } from 'hono';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createAuthRuntime, type AuthRuntime } from '../../server/auth/create-auth-runtime.js';
import type { ScryptParams } from '../../server/auth/password-hash.js';
import { loadConfig, type LivedeskConfig } from '../../server/config.js';
import { createApp } from '../../server/http/create-app.js';
import { ApiRegistry } from '../../server/http/openapi/api-registry.js';
import {
  createKnowledgeRuntime,
  databasePath,
  type KnowledgeRuntime,
} from '../../server/knowledge-runtime.js';

/** Cheap enough that tests can log in many times; production uses DEFAULT_SCRYPT_PARAMS. */
export const TEST_SCRYPT_PARAMS: ScryptParams = { log2N: 10, r: 8, p: 1 };
export const DEMO_PASSWORD = 'livedesk-demo';

export interface AuthTestServer extends AuthRuntime {
  baseUrl: string;
  app: Hono;
  config: LivedeskConfig;
  database: Database;
  registry: ApiRegistry;
  /** Signs in with the demo password (or `password`) and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  request(route: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** The HTTP app (demo knowledge, demo accounts) on loopback port 0, with injectable clocks. */
export async function startAuthTestServer(
  options: { env?: Record<string, string>; clock?: () => Date; nowMs?: () => number } = {},
): Promise<AuthTestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-auth-'));
  const config = loadConfig({ LIVEDESK_DATA_DIR: dataDir, ...options.env });
  let runtime: KnowledgeRuntime | undefined;
  let database: Database | undefined;
  try {
    runtime = await createKnowledgeRuntime(config);
    database = createSqliteDatabase(databasePath(config));
    const authRuntime = await createAuthRuntime({
      config,
      database,
      clock: options.clock,
      passwordParams: TEST_SCRYPT_PARAMS,
      log: () => {},
    });
    const registry = new ApiRegistry();
    const app = createApp({
      knowledgeBase: runtime.knowledgeBase,
      isReady: () => true,
      auth: authRuntime.auth,
      accounts: authRuntime.accounts,
      audit: authRuntime.audit,
      http: config.http,
      registry,
      ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    });
    const server = await new Promise<Server>((resolve) => {
      // serve() without `createServer` options builds a plain node:http server.
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started as Server),
      );
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const request: AuthTestServer['request'] = (route, init = {}) => {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${route}`, {
        ...rest,
        headers,
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    };
    const openRuntime = runtime;
    const openDatabase = database;
    return {
      ...authRuntime,
      baseUrl,
      app,
      config,
      database: openDatabase,
      registry,
      request,
      async login(username, password = DEMO_PASSWORD) {
        const response = await request('/api/auth/login', { method: 'POST', json: { username, password } });
        if (response.status !== 200) throw new Error(`login as ${username}: ${response.status}`);
        return ((await response.json()) as { token: string }).token;
      },
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
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
