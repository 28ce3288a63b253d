// npx tsx deploy/run-local-cluster.ts --backends 3001,3002,3003 [--port 8080] [--host 127.0.0.1]
//                                     [--start-nodes] [--print]
// HAProxy (deploy/haproxy/livedesk.cfg rendered for the given nodes) in the foreground, as a child of this
// process; Ctrl-C stops it gracefully (open sockets get up to 30 s), a second Ctrl-C at once.
// --start-nodes also starts one Livedesk node per backend port (`npm start` with its own PORT), sharing
// LIVEDESK_SECRET and, when set, LIVEDESK_DATABASE_URL and LIVEDESK_REDIS_URL from this environment.
// --print writes the rendered configuration to stdout and exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LivedeskError } from '../knowledge/errors.js';
import { renderHaproxyConfig, type HaproxyBackend } from './haproxy/render-haproxy-config.js';
import { startLoadBalancer, type LoadBalancer } from './haproxy/start-load-balancer.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** `3001` or `10.0.0.5:3001` → the haproxy server line's name and address. */
export function parseBackends(list: string): HaproxyBackend[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item, index) => ({
      name: `node${index + 1}`,
      address: /^\d+$/.test(item) ? `127.0.0.1:${item}` : item,
    }));
}

function startNode(backend: HaproxyBackend, env: NodeJS.ProcessEnv): ChildProcess {
  const port = backend.address.slice(backend.address.lastIndexOf(':') + 1);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer): string =>
    chunk
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${backend.name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: '3001,3002,3003' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'start-nodes': { type: 'boolean', default: false },
      print: { type: 'boolean', default: false },
    },
  });
  const backends = parseBackends(values.backends);
  if (values.print) {
    process.stdout.write(renderHaproxyConfig(backends));
    return;
  }
  const nodes: ChildProcess[] = [];
  if (values['start-nodes']) {
    const remote = backends.find(({ address }) => !address.startsWith('127.0.0.1:'));
    if (remote)
      throw new LivedeskError('invalid_input', `--start-nodes starts local nodes only: ${remote.address}`);
    // Nodes must share the signing key, or a token one issues is refused by the next.
    const secret = process.env.LIVEDESK_SECRET ?? randomBytes(32).toString('base64url');
    if (!process.env.LIVEDESK_SECRET)
      process.stderr.write('LIVEDESK_SECRET not set: the nodes share a random one for this run\n');
    if (!process.env.LIVEDESK_DATABASE_URL && backends.length > 1)
      process.stderr.write(
        'LIVEDESK_DATABASE_URL not set: each node keeps its own SQLite file (./data/<node>), so they share nothing\n',
      );
    for (const backend of backends) {
      nodes.push(
        startNode(backend, {
          ...process.env,
          HOST: '127.0.0.1',
          LIVEDESK_SECRET: secret,
          LIVEDESK_TRUST_PROXY: 'true',
          LIVEDESK_DATA_DIR: path.join(process.env.LIVEDESK_DATA_DIR ?? 'data', backend.name),
        }),
      );
    }
  }
  let balancer: LoadBalancer;
  try {
    balancer = await startLoadBalancer({
      backends,
      host: values.host,
      port: Number(values.port),
      onOutput: (text) => process.stdout.write(`[haproxy] ${text}`),
    });
  } catch (error) {
    await Promise.all(nodes.map(stopChild));
    throw error;
  }
  process.stderr.write(
    `haproxy ${balancer.pid} on ${balancer.url} → ${backends.map(({ name, address }) => `${name} ${address}`).join(', ')}\n` +
      `runtime API: echo "show stat" | socat stdio unix:${balancer.statsSocket}\n`,
  );
  let signals = 0;
  void balancer.exited.then(async (code) => {
    if (signals > 0) return;
    process.stderr.write(`haproxy exited (${code}) on its own\n`);
    await Promise.all(nodes.map(stopChild));
    process.exit(1);
  });
  const stop = (): void => {
    signals += 1;
    if (signals > 1) {
      void balancer.stop({ graceful: false });
      return;
    }
    process.stderr.write('stopping: haproxy lets open sockets finish (Ctrl-C again to cut them)\n');
    void balancer
      .stop({ graceful: true })
      .then(() => Promise.all(nodes.map(stopChild)))
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof LivedeskError ? `run-local-cluster: ${error.message}` : error);
    process.exit(1);
  });
}
