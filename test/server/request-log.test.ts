import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logging/logger.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { textMatching } from '../support/text-matching.js';

const LogLineSchema = z.looseObject({ level: z.number(), msg: z.string(), time: z.string() });
type LogLine = z.infer<typeof LogLineSchema> & Record<string, unknown>;

/** Sends the headers and part of a body that claims to be much longer, then drops the connection. */
function abortUpload(
  url: string,
  options: { path: string; headers?: Record<string, string> },
): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const headers = Object.entries({
        host: `${hostname}:${port}`,
        'content-type': 'text/plain',
        // Under the body limit of the route, so the server waits for the rest of it.
        'content-length': '500000',
        ...options.headers,
      })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST ${options.path} HTTP/1.1\r\n${headers}\r\n${'{"id":"x"'.repeat(2_000)}`);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 100);
    });
    socket.once('error', reject);
  });
}

describe('the structured request log', () => {
  const lines: string[] = [];
  let server: RunningServer;
  let dataDir: string;
  let adminToken: string;

  const records = (): LogLine[] => lines.map((line) => LogLineSchema.parse(JSON.parse(line)) as LogLine);

  async function until(found: () => boolean): Promise<void> {
    for (let tries = 0; tries < 200 && !found(); tries++)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-log-'));
    server = await startServer({
      config: loadConfig({
        LIVEDESK_DATA_DIR: dataDir,
        PORT: '0',
        LIVEDESK_SEED_DEMO: 'false',
        LIVEDESK_ADMIN_PASSWORD: 'admin-password',
      }),
      hostname: '127.0.0.1',
      logger: createLogger({ destination: { write: (line: string) => void lines.push(line) } }),
    });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-password' }),
    });
    adminToken = ((await login.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one JSON line per request with its id, method, path, status, time and account', async () => {
    const response = await fetch(`${server.url}/api/auth/me?x=secret-search`, {
      headers: { authorization: `Bearer ${adminToken}`, 'x-request-id': 'proxy-id-42' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('proxy-id-42');
    await until(() => records().some((record) => record.requestId === 'proxy-id-42'));
    const line = records().find((record) => record.requestId === 'proxy-id-42');
    expect(line).toMatchObject({
      msg: 'request',
      level: 30,
      method: 'GET',
      path: '/api/auth/me',
      status: 200,
      accountId: textMatching(/.+/u),
      service: 'livedesk',
    });
    expect(line?.ms).toEqual(expect.any(Number));
    expect(JSON.stringify(line)).not.toContain('secret-search');
    const fresh = await fetch(`${server.url}/api/auth/me`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/u);
    const from = lines.length;
    await fetch(`${server.url}/api/conversations/conv-77`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    await until(() => lines.slice(from).some((text) => text.includes('conv-77')));
    expect(JSON.parse(lines.slice(from).find((text) => text.includes('conv-77'))!)).toMatchObject({
      msg: 'request',
      conversationId: 'conv-77',
      accountId: line?.accountId,
    });
  });

  it.each([
    ['a knowledge import', '/api/knowledge/import?format=jsonl', true],
    ['a JSON body', '/api/viewer/session', false],
  ])('logs one line, without a stack, for %s the client aborted', async (_name, route, signedIn) => {
    const from = lines.length;
    await abortUpload(server.url, {
      path: route,
      headers: signedIn ? { authorization: `Bearer ${adminToken}` } : {},
    });
    await until(() => lines.slice(from).some((line) => line.includes('client aborted')));
    // The server lives on: a request after the abort is answered.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const written = lines.slice(from).filter((line) => line.includes(route.split('?')[0]!));
    const aborted = written.filter((line) => line.includes('client aborted'));
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).not.toMatch(/\bat\s|stack/u);
    expect(JSON.parse(aborted[0]!)).toMatchObject({
      msg: 'client aborted the request',
      path: route.split('?')[0],
    });
    expect(lines.slice(from).join('')).not.toMatch(/"level":50/u);
  });
});
