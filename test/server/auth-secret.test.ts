import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { loadTokenSecret, secretFilePath } from '../../server/auth/token-secret.js';

let dataDir: string;
let running: RunningServer | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-secret-'));
});

afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  // No demo data: indexing it is most of a start, and one admin account is all these tests need.
  const config = loadConfig({
    LIVEDESK_DATA_DIR: dataDir,
    PORT: '0',
    LIVEDESK_SEED_DEMO: 'false',
    LIVEDESK_ADMIN_PASSWORD: 'admin-password',
    ...env,
  });
  running = await startServer({ config, hostname: '127.0.0.1' });
  return running;
}

async function login(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin-password' }),
  });
  return ((await response.json()) as { token: string }).token;
}

const me = (server: RunningServer, token: string) =>
  fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

describe('token secret', () => {
  it('is made once, kept owner-only in the data folder, and keeps tokens valid across a restart', async () => {
    const first = await start();
    const token = await login(first);
    const file = secretFilePath(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8');
    await first.close();

    const second = await start();
    expect(readFileSync(file, 'utf8')).toBe(secret);
    const response = await me(second, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { username: 'admin' } });
  });

  it('uses LIVEDESK_SECRET when set, writes no file, and tokens signed with another secret fail', async () => {
    const first = await start({ LIVEDESK_SECRET: 'a'.repeat(40) });
    const token = await login(first);
    expect(existsSync(secretFilePath(dataDir))).toBe(false);
    await first.close();

    const second = await start({ LIVEDESK_SECRET: 'b'.repeat(40) });
    expect((await me(second, token)).status).toBe(401);
  });

  it('rotates LIVEDESK_SECRET: old sessions live on while LIVEDESK_SECRET_PREVIOUS names it, then end', async () => {
    const first = await start({ LIVEDESK_SECRET: 'a'.repeat(40) });
    const oldToken = await login(first);
    await first.close();

    const rotating = await start({
      LIVEDESK_SECRET: 'b'.repeat(40),
      LIVEDESK_SECRET_PREVIOUS: 'a'.repeat(40),
    });
    expect((await me(rotating, oldToken)).status).toBe(200);
    const newToken = await login(rotating);
    await rotating.close();

    // Signed with the new key only: a server that knows only the old secret refuses it.
    const rolledBack = await start({ LIVEDESK_SECRET: 'a'.repeat(40) });
    expect((await me(rolledBack, newToken)).status).toBe(401);
    await rolledBack.close();

    const rotated = await start({ LIVEDESK_SECRET: 'b'.repeat(40) });
    expect((await me(rotated, oldToken)).status).toBe(401);
    expect((await me(rotated, newToken)).status).toBe(200);
  }, 120_000);

  it('refuses a LIVEDESK_SECRET_PREVIOUS or LIVEDESK_VIEWER_SECRET shorter than 32 characters at startup', () => {
    expect(() => loadConfig({ LIVEDESK_SECRET_PREVIOUS: 'short' })).toThrow(
      /LIVEDESK_SECRET_PREVIOUS must be at least 32/,
    );
    expect(() => loadConfig({ LIVEDESK_VIEWER_SECRET: 'short' })).toThrow(
      /LIVEDESK_VIEWER_SECRET must be at least 32/,
    );
  });

  it('gives two processes starting on a new folder at once the same key', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadTokenSecret({ dataDir })));
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
    expect(keys[0]!.length).toBe(32);
  });

  it('refuses a secret file too short to be safe rather than signing with it', async () => {
    writeFileSync(secretFilePath(dataDir), 'c2hvcnQ\n');
    await expect(loadTokenSecret({ dataDir })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('refuses a LIVEDESK_SECRET shorter than 32 characters at startup', () => {
    expect(() => loadConfig({ LIVEDESK_SECRET: 'too-short' })).toThrow(/LIVEDESK_SECRET must be at least 32/);
  });
});
