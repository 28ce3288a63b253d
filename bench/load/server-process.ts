import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Set when the server was started with LIVEDESK_BENCH_PROFILE (its inspector port). */
  inspectorPort?: number | undefined;
  /** Resident memory of the server process, from /proc (Linux). */
  rssBytes(): number;
  /** CPU time the server process has used so far (user + system), from /proc (Linux). */
  cpuMs(): number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

/** A port the OS says is free now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * `npm start` as a user runs it (server/main.ts in a process of its own), so the load generator and the
 * server do not share an event loop and the memory figures are the server's alone.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  // e.g. LIVEDESK_BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
  const extraArgs = process.env.LIVEDESK_BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const inspectorPort = process.env.LIVEDESK_BENCH_PROFILE ? await freePort() : undefined;
  if (inspectorPort !== undefined) extraArgs.push(`--inspect=127.0.0.1:${inspectorPort}`);
  const child: ChildProcess = spawn(process.execPath, [...extraArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`server not ready after 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    inspectorPort,
    rssBytes() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kib === undefined ? Number.NaN : Number(kib) * 1024;
    },
    cpuMs() {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name): utime, stime in ticks.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
