import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { freePort } from './durability-server-process.js';

const folders: string[] = [];
const running: RunningServer[] = [];
const blockers: Server[] = [];

function newFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-start-'));
  folders.push(folder);
  return folder;
}

function configFor(dataDir: string, port: number, env: Record<string, string> = {}) {
  return loadConfig({
    LIVEDESK_DATA_DIR: dataDir,
    PORT: String(port),
    LIVEDESK_SEED_DEMO: 'false',
    LIVEDESK_ADMIN_PASSWORD: 'admin-password',
    ...env,
  });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
  await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
});

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('startServer', () => {
  it('holds the port first and answers 503 starting until everything is built', async () => {
    const port = await freePort();
    const starting = startServer({
      config: configFor(newFolder(), port),
      hostname: '127.0.0.1',
    });
    const answers: { status: number; body: string }[] = [];
    let failed = false;
    starting.catch(() => (failed = true));
    // Until the first 200 (or a failed start, which `await starting` below reports).
    while (!failed) {
      const answer = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        () => undefined,
      );
      if (answer) answers.push(answer);
      if (answer?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    running.push(await starting);

    expect(answers.length).toBeGreaterThan(1);
    expect(answers.at(-1)).toEqual({ status: 200, body: '{"status":"ok"}' });
    for (const answer of answers.slice(0, -1)) {
      expect(answer).toEqual({ status: 503, body: '{"status":"starting"}' });
    }
  });

  it('rejects with a LivedeskError on a busy port and creates no database', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const dataDir = newFolder();

    const attempt = startServer({ config: configFor(dataDir, port), hostname: '127.0.0.1' });

    const error = await attempt.then(
      () => expect.unreachable('the port is busy'),
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(LivedeskError);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: `port ${port} is already in use on 127.0.0.1 (set PORT to another port)`,
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('rejects with a LivedeskError when the data folder is a file, and gives the port back', async () => {
    const port = await freePort();
    const dataDir = path.join(newFolder(), 'livedesk.data');
    writeFileSync(dataDir, '');

    const attempt = startServer({ config: configFor(dataDir, port), hostname: '127.0.0.1' });

    await expect(attempt).rejects.toBeInstanceOf(LivedeskError);
    await expect(attempt).rejects.toThrow(
      `data folder ${dataDir} cannot be written: it is a file, not a folder`,
    );
    const again = createServer();
    blockers.push(again);
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
  });

  it.each([
    ['is empty', ''],
    ['is not JSON', 'not json'],
    ['is not a Livedesk signal model', '{"format":"livedesk-signal-model","version":2}'],
  ])(
    'refuses to start when LIVEDESK_SIGNALS_MODEL %s, naming the file, before seeding anything',
    async (message, content) => {
      const port = await freePort();
      const folder = newFolder();
      const dataDir = path.join(folder, 'data');
      const model = path.join(folder, 'signals.json');
      writeFileSync(model, content);

      const attempt = startServer({
        config: configFor(dataDir, port, { LIVEDESK_SIGNALS_MODEL: model, LIVEDESK_SEED_DEMO: 'true' }),
        hostname: '127.0.0.1',
      });

      await expect(attempt).rejects.toBeInstanceOf(LivedeskError);
      await expect(attempt).rejects.toThrow(`signal model ${model} ${message}`);
      expect(readdirSync(dataDir)).toEqual([]);
    },
  );

  it('refuses to start when LIVEDESK_SIGNALS_MODEL names a file that is not there', async () => {
    const model = path.join(newFolder(), 'missing.json');
    const attempt = startServer({
      config: configFor(newFolder(), await freePort(), { LIVEDESK_SIGNALS_MODEL: model }),
      hostname: '127.0.0.1',
    });
    await expect(attempt).rejects.toThrow(`signal model ${model} cannot be read`);
  });

  it('uses HOST from the configuration when the caller names no hostname', async () => {
    const server = await startServer({ config: configFor(newFolder(), 0, { HOST: '127.0.0.1' }) });
    running.push(server);

    expect(server.address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });
});
