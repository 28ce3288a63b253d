import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ChildServer {
  name: string;
  url: string;
  port: number;
  pid: number;
  /** CPU time the process has used so far (user + system), from /proc (Linux). */
  cpuMs(): number;
  /** Resident memory, from /proc (Linux). */
  rssBytes(): number;
  /** What it wrote, for failure messages. */
  output(): string;
  /** SIGTERM (a node drains), SIGKILL after 20 s. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of any process (fields 14 and 15 of /proc/<pid>/stat, after the command name), in ms. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * A server script (server/main.ts for a Livedesk node, the floor) in a process of its own on `port`,
 * resolved once `/healthz` answers 200; so the load generator never shares its event loop and /proc
 * gives each server's own CPU.
 */
export async function startChildServer(options: {
  name: string;
  /** Relative to the repository root. */
  script: string;
  port: number;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.script], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-32_768);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${options.name} exited during start:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} not ready after ${options.readyTimeoutMs ?? 120_000} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid!;
  return {
    name: options.name,
    url,
    port: options.port,
    pid,
    cpuMs: () => processCpuMs(pid),
    rssBytes() {
      const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kib === undefined ? Number.NaN : Number(kib) * 1024;
    },
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
