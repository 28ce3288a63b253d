import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../deploy/haproxy/start-load-balancer.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logging/logger.js';
import { startServer, type RunningServer } from '../../server/start-server.js';

export const TEST_REDIS_URL = process.env.LIVEDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ClusterTestNodeOptions {
  databaseUrl: string;
  secret: string;
  /** The data folder's name prefix under the system's temporary folder. */
  folderPrefix: string;
  /** Settings beside the cluster's own. */
  env?: Record<string, string>;
}

/**
 * One cluster node in this process, on the given PostgreSQL schema and the test Redis: its data folder is
 * returned so the caller removes it.
 */
export async function startClusterTestNode(
  options: ClusterTestNodeOptions,
): Promise<{ node: RunningServer; folder: string }> {
  const port = await freePort();
  const folder = mkdtempSync(path.join(tmpdir(), options.folderPrefix));
  const node = await startServer({
    config: loadConfig({
      LIVEDESK_DATA_DIR: folder,
      PORT: String(port),
      LIVEDESK_NODE_URL: `http://127.0.0.1:${port}`,
      LIVEDESK_DATABASE_URL: options.databaseUrl,
      LIVEDESK_REDIS_URL: TEST_REDIS_URL,
      LIVEDESK_SECRET: options.secret,
      LIVEDESK_TRUST_PROXY: 'true',
      // Nodes sharing one process: a second node's start-up must not cost the first its lead.
      LIVEDESK_LEADER_LEASE_MS: '30000',
      ...options.env,
    }),
    hostname: '127.0.0.1',
    logger: silentLogger(),
  });
  return { node, folder };
}

/** A JSON call with a bearer token: GET without a body, POST with one. */
export function callNode(
  node: RunningServer,
  route: string,
  token: string,
  json?: unknown,
): Promise<Response> {
  return fetch(`${node.url}${route}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}
