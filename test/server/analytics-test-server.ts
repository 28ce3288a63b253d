import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import { AgentTestClient } from './agent-test-client.js';
import { ViewerTestClient } from './viewer-test-client.js';

export const DEMO_PASSWORD = 'livedesk-demo';

/** A clock that moves only when the test says so. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(startIso: string): TestClock {
  let nowMs = Date.parse(startIso);
  return {
    now: () => new Date(nowMs),
    set: (iso) => {
      nowMs = Date.parse(iso);
    },
    advance: (ms) => {
      nowMs += ms;
    },
  };
}

export interface AnalyticsTestServer {
  baseUrl: string;
  /** Holds `livedesk.sqlite`. */
  dataDir: string;
  clock: TestClock;
  /** The LLM the server talks to: hold an answer back while the test moves the clock. */
  llm: OpenAICompatibleServer;
  login(username: string): Promise<{ userId: string; token: string }>;
  viewerToken(roomId: string, viewerId: string): Promise<string>;
  connectViewer(): Promise<ViewerTestClient>;
  connectAgent(): Promise<AgentTestClient>;
  get(route: string, token: string): Promise<Response>;
  post(route: string, token: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The whole product (`startServer`) on loopback with an injected clock and a loopback LLM, so every
 * stored event has a time the test chose and metrics can be checked against values worked out by hand.
 */
export async function startAnalyticsTestServer(startIso: string): Promise<AnalyticsTestServer> {
  const clock = testClock(startIso);
  const llm = await startOpenAICompatibleServer({ delayMs: 200 });
  llm.chat.respondWith(() => ({ content: '打开 App，进入 我的 > 钱包 > 充值。' }));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-analytics-'));
  const config = loadConfig({
    LIVEDESK_DATA_DIR: dataDir,
    PORT: '0',
    LIVEDESK_HTTP_RATE_PER_SECOND: '100000',
    LIVEDESK_HTTP_RATE_BURST: '100000',
    LIVEDESK_LLM_BASE_URL: llm.baseURL,
    LIVEDESK_LLM_MODEL: 'test-model',
    LIVEDESK_LLM_MAX_RETRIES: '0',
    LIVEDESK_PROPOSAL_SCAN_INTERVAL_MS: '0',
    LIVEDESK_ANALYTICS_CACHE_MS: '0',
  });
  let server: RunningServer;
  try {
    server = await startServer({ config, hostname: '127.0.0.1', clock: clock.now });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    await llm.close();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const sockets: { closed: Promise<unknown> }[] = [];
  const request = (route: string, init: { method?: string; token?: string; json?: unknown } = {}) =>
    fetch(`${baseUrl}${route}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  const login = async (username: string) => {
    const response = await request('/api/auth/login', { json: { username, password: DEMO_PASSWORD } });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    const body = (await response.json()) as { token: string; user: { id: string } };
    return { userId: body.user.id, token: body.token };
  };
  let admin: Promise<{ token: string }> | undefined;
  return {
    baseUrl,
    dataDir,
    clock,
    llm,
    login,
    async viewerToken(roomId, viewerId) {
      const { token } = await (admin ??= login('admin'));
      const response = await request('/api/viewer/tokens', {
        token,
        json: { roomId, viewerId, tier: 'regular', locale: 'zh' },
      });
      if (response.status !== 200) throw new Error(`viewer token: ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    async connectViewer() {
      const client = await ViewerTestClient.connect(`ws://127.0.0.1:${server.port}/ws/viewer`);
      sockets.push(client);
      return client;
    },
    async connectAgent() {
      const client = await AgentTestClient.connect(`ws://127.0.0.1:${server.port}/ws/agent`);
      sockets.push(client);
      return client;
    },
    get: (route, token) => request(route, { token }),
    post: (route, token) => request(route, { method: 'POST', token }),
    async close() {
      await server.close();
      await Promise.all(sockets.map((socket) => socket.closed));
      await llm.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
