import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LivedeskError } from '../../knowledge/errors.js';
import { HAPROXY_BACKEND, renderHaproxyConfig, type HaproxyBackend } from './render-haproxy-config.js';

/** What `set server … state` accepts: `drain` keeps open sockets and sends no new ones; `maint` cuts both. */
export type ServerAdminState = 'ready' | 'drain' | 'maint';

export interface LoadBalancer {
  /** `http://host:port` of the frontend. */
  url: string;
  port: number;
  pid: number;
  /** The runtime API's Unix socket (`socat stdio unix:<path>`). */
  statsSocket: string;
  /** The rendered configuration file haproxy runs. */
  configFile: string;
  /** Each node's status as haproxy sees it: `UP`, `DOWN`, `DRAIN`, `MAINT`, `UP 1/2` (rising)… */
  serverStatuses(): Promise<Record<string, string>>;
  /** Resolves once `node`'s status satisfies `matches`; rejects with the last status after `timeoutMs`. */
  waitForStatus(node: string, matches: (status: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Drains a node before maintenance, or puts it back (`ready`). */
  setServerState(node: string, state: ServerAdminState): Promise<void>;
  /** Sends one runtime API command and resolves to its answer. */
  command(line: string): Promise<string>;
  /** Resolves with haproxy's exit code (-1: killed by a signal) when it exits, for whatever reason. */
  exited: Promise<number | null>;
  /** What haproxy has written so far (its log goes to stdout). */
  output(): string;
  /** `graceful`: SIGUSR1, open sockets finish (up to `hard-stop-after`); otherwise SIGTERM, at once. */
  stop(options?: { graceful?: boolean }): Promise<void>;
}

export interface LoadBalancerOptions {
  backends: readonly HaproxyBackend[];
  /** Where the frontend listens; default 127.0.0.1 and a free port. */
  host?: string;
  port?: number;
  /** Default 20,000, and never above what this machine's open-file limit lets haproxy hold. */
  maxConnections?: number;
  /** Every line haproxy writes, as it comes (the CLI prints them). */
  onOutput?: (text: string) => void;
  /** How long to wait for the frontend and the runtime API to answer. */
  readyTimeoutMs?: number;
}

const SEARCH_PATHS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];
const OUTPUT_KEPT = 64 * 1024;

/** haproxy's path: on PATH, or in the sbin folders Debian installs it to (not on a normal user's PATH). */
export function findHaproxy(): string {
  const folders = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_PATHS];
  for (const folder of folders) {
    const candidate = path.join(folder, 'haproxy');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  throw new LivedeskError(
    'unavailable',
    'haproxy is not installed: run `apt-get install -y haproxy` (Debian 12 ships 2.6); .ci/run installs it in CI',
  );
}

/**
 * How many connections a local haproxy can proxy here: two file descriptors each (client and node side)
 * within the hard open-file limit, less a margin for listeners and checks. haproxy refuses to start
 * (`strict-limits`, on by default) when maxconn needs more than it can get.
 */
export function maxProxiedConnections(): number {
  const hard = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  if (hard === 'unlimited') return 1_000_000;
  return Math.max(100, Math.floor((Number(hard) - 200) / 2));
}

/** A port the OS says is free now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** One command on haproxy's runtime API (a Unix socket that answers and closes). */
export function runtimeCommand(socketPath: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let answer = '';
    socket.setEncoding('utf8');
    socket.once('error', reject);
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.once('end', () => resolve(answer));
    socket.once('connect', () => socket.write(`${line}\n`));
  });
}

/** `show stat` CSV → status per server of the Livedesk backend. */
export function parseServerStatuses(csv: string, backend = HAPROXY_BACKEND): Record<string, string> {
  const [header, ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  const columns = (header ?? '').replace(/^# /, '').split(',');
  const proxy = columns.indexOf('pxname');
  const server = columns.indexOf('svname');
  const status = columns.indexOf('status');
  if (proxy < 0 || server < 0 || status < 0)
    throw new LivedeskError('internal', `unexpected show stat answer: ${csv.slice(0, 200)}`);
  const statuses: Record<string, string> = {};
  for (const row of rows) {
    const fields = row.split(',');
    const name = fields[server] ?? '';
    if (fields[proxy] !== backend || name === 'BACKEND' || name === 'FRONTEND') continue;
    statuses[name] = fields[status] ?? '';
  }
  return statuses;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * haproxy in the foreground (`-db`) as a child of this process, on deploy/haproxy/livedesk.cfg rendered for
 * `backends`. The stats socket and the rendered file live in a temp folder removed at `stop`.
 */
export async function startLoadBalancer(options: LoadBalancerOptions): Promise<LoadBalancer> {
  const binary = findHaproxy();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-lb-'));
  const statsSocket = path.join(folder, 'haproxy.sock');
  const configFile = path.join(folder, 'haproxy.cfg');
  writeFileSync(configFile, renderHaproxyConfig(options.backends));
  const child = spawn(binary, ['-db', '-f', configFile], {
    env: {
      ...process.env,
      LIVEDESK_LB_BIND: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      LIVEDESK_LB_STATS_SOCKET: statsSocket,
      LIVEDESK_LB_STATS_BIND: `127.0.0.1:${await freePort()}`,
      LIVEDESK_LB_MAXCONN: String(Math.min(options.maxConnections ?? 20_000, maxProxiedConnections())),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-OUTPUT_KEPT);
    options.onOutput?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      resolve(exitCode);
    }),
  );
  const cleanUp = (): void => rmSync(folder, { recursive: true, force: true });

  const deadline = Date.now() + (options.readyTimeoutMs ?? 10_000);
  for (;;) {
    if (exitCode !== undefined) {
      cleanUp();
      throw new LivedeskError('unavailable', `haproxy exited during start (${exitCode}):\n${output}`);
    }
    const ready =
      (await canConnect(host, port)) &&
      (await runtimeCommand(statsSocket, 'show info').catch(() => '')) !== '';
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      cleanUp();
      throw new LivedeskError(
        'timeout',
        `haproxy not ready after ${options.readyTimeoutMs ?? 10_000} ms:\n${output}`,
      );
    }
    await sleep(50);
  }

  const serverStatuses = async (): Promise<Record<string, string>> =>
    parseServerStatuses(await runtimeCommand(statsSocket, 'show stat'));
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    pid: child.pid!,
    statsSocket,
    configFile,
    serverStatuses,
    async waitForStatus(node, matches, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const status = (await serverStatuses())[node];
        if (status !== undefined && matches(status)) return status;
        if (Date.now() > until)
          throw new LivedeskError('timeout', `${node} still ${status ?? 'unknown'} after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    async setServerState(node, state) {
      const answer = (
        await runtimeCommand(statsSocket, `set server ${HAPROXY_BACKEND}/${node} state ${state}`)
      ).trim();
      // Success is an empty answer; anything else is haproxy explaining why not.
      if (answer !== '') throw new LivedeskError('invalid_input', `set server ${node} ${state}: ${answer}`);
    },
    command: (line) => runtimeCommand(statsSocket, line),
    exited,
    output: () => output,
    stop({ graceful = false } = {}) {
      stopping ??= (async () => {
        if (exitCode === undefined) {
          child.kill(graceful ? 'SIGUSR1' : 'SIGTERM');
          // hard-stop-after (30 s) bounds a graceful stop; past that, something is wrong.
          const killer = setTimeout(() => child.kill('SIGKILL'), graceful ? 35_000 : 5_000);
          await exited;
          clearTimeout(killer);
        }
        cleanUp();
      })();
      return stopping;
    },
  };
}
