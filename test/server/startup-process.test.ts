import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from './durability-server-process.js';

interface Started {
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Resolves with the first stdout line that matches, or rejects when the process exits first. */
  line(pattern: RegExp): Promise<string>;
  kill(): void;
}

const folders: string[] = [];
const children: Started[] = [];
const blockers: Server[] = [];

function newFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-startup-'));
  folders.push(folder);
  return folder;
}

/** `npm start` as a child process, with only the environment given (nothing LIVEDESK_, HOST or PORT inherited). */
function startProcess(env: Record<string, string>): Started {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(LIVEDESK_|HOST$|PORT$)/.test(name)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    // No demo and one admin account: a fast start, and the tests are about binding, not content.
    env: { ...inherited, LIVEDESK_SEED_DEMO: 'false', LIVEDESK_ADMIN_PASSWORD: 'admin-password', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started: Started = {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = stdout.split('\n').find((line) => pattern.test(line));
          if (found !== undefined) resolve(found);
        };
        child.stdout.on('data', check);
        void exited.then(() => reject(new Error(`the server exited first:\n${stdout}\n${stderr}`)));
      }),
    kill: () => child.kill('SIGKILL'),
  };
  children.push(started);
  return started;
}

async function holdPort(host: string): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, host, resolve));
  return (blocker.address() as { port: number }).port;
}

/** Whether anything accepts a connection on the address (a refused or failed connection is `false`). */
async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    () => true,
    () => false,
  );
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
});

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('starting the server process', () => {
  it('stops with one line and exit code 1 on a busy port, before writing anything to the data folder', async () => {
    const port = await holdPort('0.0.0.0');
    const dataDir = newFolder();

    const server = startProcess({
      PORT: String(port),
      LIVEDESK_DATA_DIR: dataDir,
      LIVEDESK_SEED_DEMO: 'true',
    });

    expect(await server.exited).toBe(1);
    expect(server.stderr()).toBe(
      `livedesk: port ${port} is already in use on 0.0.0.0 (set PORT to another port)\n`,
    );
    expect(server.stderr()).not.toMatch(/\n\s+at /);
    expect(server.stdout()).toBe('');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('stops with one line and exit code 1 when the data folder cannot be written', async () => {
    const parent = newFolder();
    // Under a regular file: no folder can be made there, even by root (chmod would not stop root).
    writeFileSync(path.join(parent, 'not-a-folder'), '');
    const dataDir = path.join(parent, 'not-a-folder', 'data');

    const server = startProcess({ PORT: '0', HOST: '127.0.0.1', LIVEDESK_DATA_DIR: dataDir });

    expect(await server.exited).toBe(1);
    expect(server.stderr()).toBe(
      `livedesk: data folder ${dataDir} cannot be written: part of its path is a file, not a folder (set LIVEDESK_DATA_DIR to a writable folder)\n`,
    );
    expect(server.stdout()).toBe('');
    expect(readdirSync(parent)).toEqual(['not-a-folder']);
  });

  it('binds only loopback with HOST=127.0.0.1 and logs the real address and the database', async () => {
    const port = await freePort();
    const dataDir = newFolder();

    const server = startProcess({ PORT: String(port), HOST: '127.0.0.1', LIVEDESK_DATA_DIR: dataDir });
    const line = await server.line(/^livedesk listening on /);

    expect(line).toMatch(
      new RegExp(
        `^livedesk listening on 127\\.0\\.0\\.1:${port}, data in ${escaped(dataDir)}, ` +
          `database ${escaped(path.join(dataDir, 'livedesk.sqlite'))} \\(knowledge base "default"\\), ready in \\d+ ms$`,
      ),
    );
    expect(await answers(`http://127.0.0.1:${port}/healthz`)).toBe(true);
    // Any other address of this machine (127.0.0.2 is one on Linux) finds nobody listening.
    if (process.platform === 'linux') expect(await answers(`http://127.0.0.2:${port}/healthz`)).toBe(false);
  });

  it('says when it listens on all interfaces and which local address to open', async () => {
    const port = await freePort();

    const server = startProcess({ PORT: String(port), LIVEDESK_DATA_DIR: newFolder() });
    const line = await server.line(/^livedesk listening on /);

    expect(line).toMatch(
      new RegExp(
        `^livedesk listening on 0\\.0\\.0\\.0:${port} \\(all interfaces; open http://localhost:${port}\\), `,
      ),
    );
    if (process.platform === 'linux') expect(await answers(`http://127.0.0.2:${port}/healthz`)).toBe(true);
  });
});
