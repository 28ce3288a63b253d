import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/start-server.js';
import { AgentTestClient } from './agent-test-client.js';
import { ViewerTestClient } from './viewer-test-client.js';

export const DEMO_PASSWORD = 'livedesk-demo';
const STAFF_PASSWORD = 'desk-test-password';

export interface StaffMember {
  userId: string;
  token: string;
}

export interface DeskServer {
  baseUrl: string;
  /** The server's temp data folder (media blobs are under `media/`). */
  dataDir: string;
  request(route: string, init?: { method?: string; token?: string; json?: unknown }): Promise<Response>;
  /** Signs a demo or created account in; resolves to its token. */
  login(username: string, password?: string): Promise<StaffMember>;
  /** An admin creates the account, then it signs in. */
  createStaff(account: {
    username: string;
    role: 'agent' | 'supervisor' | 'editor' | 'admin';
    teams?: string[];
    skills?: string[];
    capacity?: number;
  }): Promise<StaffMember>;
  /** A viewer token issued by an admin (`POST /api/viewer/tokens`). */
  viewerToken(viewer: {
    roomId: string;
    viewerId?: string;
    tier?: 'regular' | 'vip';
    locale?: string;
  }): Promise<{
    token: string;
    viewerId: string;
  }>;
  connectViewer(): Promise<ViewerTestClient>;
  connectAgent(): Promise<AgentTestClient>;
  close(): Promise<void>;
}

/**
 * The product as `npm start` runs it (`startServer`), on loopback port 0 with a temp data folder: demo
 * knowledge and demo accounts, HTTP rate limits raised so a test can open many sessions from one address.
 */
export async function startDeskServer(
  env: Record<string, string> = {},
  /** Parts a test puts in place of the product's own (a wrapped media blob store, a logger it reads). */
  parts: Pick<StartServerOptions, 'mediaBlobs' | 'logger'> = {},
): Promise<DeskServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-desk-'));
  const config = loadConfig({
    LIVEDESK_DATA_DIR: dataDir,
    PORT: '0',
    LIVEDESK_HTTP_RATE_PER_SECOND: '100000',
    LIVEDESK_HTTP_RATE_BURST: '100000',
    ...env,
  });
  let server: RunningServer;
  try {
    server = await startServer({ config, hostname: '127.0.0.1', ...parts });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const clients: { closed: Promise<unknown> }[] = [];
  let admin: Promise<StaffMember> | undefined;
  let viewers = 0;

  const request: DeskServer['request'] = (route, init = {}) =>
    fetch(`${baseUrl}${route}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });

  const login: DeskServer['login'] = async (username, password = DEMO_PASSWORD) => {
    const response = await request('/api/auth/login', { json: { username, password } });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    const body = (await response.json()) as { token: string; user: { id: string } };
    return { userId: body.user.id, token: body.token };
  };
  const adminToken = async (): Promise<string> => (await (admin ??= login('admin'))).token;

  return {
    baseUrl,
    dataDir,
    request,
    login,
    async createStaff(account) {
      const response = await request('/api/users', {
        token: await adminToken(),
        json: { name: account.username, password: STAFF_PASSWORD, ...account },
      });
      if (response.status !== 201) throw new Error(`create ${account.username}: ${await response.text()}`);
      return login(account.username, STAFF_PASSWORD);
    },
    async viewerToken(viewer) {
      viewers += 1;
      const viewerId = viewer.viewerId ?? `viewer-${viewers}`;
      const response = await request('/api/viewer/tokens', {
        token: await adminToken(),
        json: { tier: 'regular', ...viewer, viewerId },
      });
      if (response.status !== 200) throw new Error(`viewer token: ${await response.text()}`);
      return { token: ((await response.json()) as { token: string }).token, viewerId };
    },
    async connectViewer() {
      const client = await ViewerTestClient.connect(`ws://127.0.0.1:${server.port}/ws/viewer`);
      clients.push(client);
      return client;
    },
    async connectAgent() {
      const client = await AgentTestClient.connect(`ws://127.0.0.1:${server.port}/ws/agent`);
      clients.push(client);
      return client;
    },
    async close() {
      await server.close();
      await Promise.all(clients.map((client) => client.closed));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
