import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/start-server.js';
import { alwaysFiresSignalModel } from '../support/always-fires-signal-model.js';
import { DEMO_PASSWORD } from './desk-server.js';

const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-signal-precedence-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Starts the product on the same data folder each time, with LIVEDESK_SIGNALS_MODEL set to `modelFile`. */
type Call = (route: string, init?: RequestInit) => Promise<Response>;

async function withServer<T>(modelFile: string, work: (call: Call) => Promise<T>): Promise<T> {
  const config = loadConfig({
    PORT: '0',
    LIVEDESK_DATA_DIR: path.join(folder, 'data'),
    LIVEDESK_SIGNALS_MODEL: modelFile,
  });
  const server = await startServer({ config, hostname: '127.0.0.1' });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'editor', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const call: Call = (route, init = {}) =>
      fetch(`${base}${route}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    return await work(call);
  } finally {
    await server.close();
  }
}

const active = async (call: Call) =>
  (await (await call('/api/signals/models')).json()) as { activeVersion: number | null; versions: unknown[] };

describe('LIVEDESK_SIGNALS_MODEL beside the admin’s versions', () => {
  it('seeds a version from a new file, then keeps the admin’s choice until the file changes', async () => {
    const first = path.join(folder, 'first.json');
    writeFileSync(first, JSON.stringify(alwaysFiresSignalModel('2026-12-01T00:00:00.000Z')));
    await withServer(first, async (call) => {
      expect(await active(call)).toMatchObject({
        activeVersion: 1,
        versions: [{ version: 1, origin: 'environment', createdBy: 'LIVEDESK_SIGNALS_MODEL' }],
      });
      // The admin turns the model off.
      const off = await call('/api/signals/active-model', { method: 'PUT', body: '{"version":null}' });
      expect(off.status).toBe(200);
    });
    // Restarted with the same file: the admin's choice stands.
    await withServer(first, async (call) => {
      expect(await active(call)).toMatchObject({ activeVersion: null, versions: [{ version: 1 }] });
    });
    // Restarted with another file: the operator decided anew.
    const second = path.join(folder, 'second.json');
    writeFileSync(second, JSON.stringify(alwaysFiresSignalModel('2026-12-02T00:00:00.000Z')));
    await withServer(second, async (call) => {
      expect(await active(call)).toMatchObject({
        activeVersion: 2,
        versions: [{ version: 2 }, { version: 1 }],
      });
    });
  }, 120_000);
});
