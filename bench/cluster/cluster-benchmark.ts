// npm run bench -- cluster [--nodes 1|2|3] [--database sqlite|postgres] [--direct]
//                          [--rate 2000] [--seconds 4] [--database-url …] [--redis-url …]
// A spike of near-identical FAQ questions through HAProxy (deploy/haproxy/livedesk.cfg) to N Livedesk
// nodes, then the same spike to the floor (bench/cluster/floor-server.ts) on the same path; Livedesk's
// per-question CPU and p99 are reported as ratios to the floor's.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  findHaproxy,
  maxProxiedConnections,
  startLoadBalancer,
  type LoadBalancer,
} from '../../deploy/haproxy/start-load-balancer.js';
import type { Benchmark, BenchmarkContext, BenchmarkReport, TargetCheck } from '../benchmark.js';
import { freePort } from '../load/server-process.js';
import { formatMs } from '../statistics.js';
import { processCpuMs, startChildServer, type ChildServer } from './child-server.js';
import { closeSpikeViewers, openSpikeViewers } from './open-spike-viewers.js';
import { runAckedSpike, type AckedSpikeResult } from './run-acked-spike.js';

/** One room's spike: the same FAQ as typed by many viewers (variants, a typo, English), as in `load`. */
const SPIKE_QUESTIONS = [
  '怎么充值金币？',
  '怎么充值金币',
  '金币怎么充值',
  '怎么冲值金币',
  '在哪充值金币啊',
  'How do I top up coins?',
  'how do i top up coins',
  'how to top up coins',
];

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const TARGET_RATE = 2_000;
const TARGET_P99_MS = 100;
const TARGET_CPU_RATIO = 3;

interface ClusterPlan {
  nodes: number;
  database: 'sqlite' | 'postgres';
  direct: boolean;
  perSecond: number;
  seconds: number;
  total: number;
  databaseUrl: string;
  redisUrl: string;
}

/** What one target (Livedesk's nodes or the floor) did with one spike. */
interface TargetRun {
  target: 'livedesk' | 'floor';
  spike: AckedSpikeResult;
  /** Server CPU (all nodes together) per question sent, ms. */
  cpuPerQuestionMs: number;
  perNode: { name: string; cpuPerQuestionMs: number; rssMiB: number }[];
  /** haproxy's own CPU per question, ms (absent with --direct). */
  balancerCpuPerQuestionMs?: number | undefined;
  /** For PostgreSQL: conversation_events rows the spike left in the bench's schema. */
  postgresRows?: number | undefined;
  /** Viewer joins turned away (502/503, resets) and tried again before the spike. */
  joinRetries: number;
  /** How often haproxy marked a node DOWN during the run (a missed health check under load). */
  markedDown: number;
}

function readPlan({ quick, options = {} }: BenchmarkContext): ClusterPlan {
  const text = (name: string): string | undefined => {
    const value = options[name];
    return typeof value === 'string' ? value : undefined;
  };
  const nodes = Number(text('nodes') ?? 1);
  const database = text('database') ?? 'sqlite';
  const perSecond = Number(text('rate') ?? (quick ? 500 : TARGET_RATE));
  // 4 s: 8,000 viewers at 2,000/s, one socket each, which haproxy can proxy within a 20,000 open-file limit.
  const seconds = Number(text('seconds') ?? (quick ? 2 : 4));
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 8)
    throw new Error(`--nodes must be 1 to 8, got ${nodes}`);
  if (database !== 'sqlite' && database !== 'postgres')
    throw new Error(`--database must be sqlite or postgres, got ${database}`);
  if (nodes > 1 && database !== 'postgres')
    throw new Error('--nodes above 1 needs --database postgres: SQLite nodes share nothing');
  if (!(perSecond > 0) || !(seconds > 0)) throw new Error('--rate and --seconds must be positive');
  return {
    nodes,
    database,
    direct: options.direct === true,
    perSecond,
    seconds,
    total: Math.round(perSecond * seconds),
    databaseUrl: text('database-url') ?? process.env.LIVEDESK_DATABASE_URL ?? DEFAULT_DATABASE_URL,
    redisUrl: text('redis-url') ?? process.env.LIVEDESK_REDIS_URL ?? DEFAULT_REDIS_URL,
  };
}

/** The URL with `search_path` set, so a node's tables land in a schema of the bench's own. */
function urlWithSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function countEvents(url: string, schema: string): Promise<number> {
  return onPostgres(url, async (client) => {
    const table = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
      `${schema}.conversation_events`,
    ]);
    if (!table.rows[0]?.exists) return 0;
    const counted = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${schema}.conversation_events`,
    );
    return Number(counted.rows[0]?.n ?? 0);
  });
}

/** Starts the servers of one target, spikes them (after a short warm-up), and stops everything. */
async function measure(
  target: TargetRun['target'],
  plan: ClusterPlan,
  progress: (line: string) => void,
): Promise<TargetRun> {
  const secret = randomBytes(32).toString('base64url');
  const folder = mkdtempSync(path.join(tmpdir(), `livedesk-cluster-${target}-`));
  const schema = `livedesk_bench_${target}_${randomBytes(4).toString('hex')}`;
  const postgres = plan.database === 'postgres';
  if (postgres) await onPostgres(plan.databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const servers: ChildServer[] = [];
  let balancer: LoadBalancer | undefined;
  try {
    const count = target === 'floor' ? 1 : plan.nodes;
    for (let index = 0; index < count; index += 1) {
      const name = target === 'floor' ? 'floor' : `node${index + 1}`;
      progress(`  starting ${name}${postgres ? ` on PostgreSQL (schema ${schema})` : ''}`);
      servers.push(
        await startChildServer(
          target === 'floor'
            ? {
                name,
                script: 'bench/cluster/floor-server.ts',
                port: await freePort(),
                env: postgres
                  ? { FLOOR_DATABASE_URL: urlWithSchema(plan.databaseUrl, schema) }
                  : { FLOOR_SQLITE_FILE: path.join(folder, 'floor.sqlite') },
              }
            : {
                name,
                script: 'server/main.ts',
                port: await freePort(),
                env: {
                  HOST: '127.0.0.1',
                  LIVEDESK_DATA_DIR: path.join(folder, name),
                  // Every node signs and checks tokens with the same key.
                  LIVEDESK_SECRET: secret,
                  LIVEDESK_TRUST_PROXY: plan.direct ? 'false' : 'true',
                  // Every simulated viewer comes from 127.0.0.1: the per-address budgets are for one
                  // hostile address, and this one stands for all the spike's viewers.
                  LIVEDESK_MAX_VIEWER_CONNECTIONS_PER_IP: String(plan.total + 1_000),
                  LIVEDESK_ADDRESS_NEW_CONVERSATIONS_PER_HOUR: '10000000',
                  LIVEDESK_ADDRESS_MATCH_CHARS_PER_SECOND: String(plan.perSecond * 100),
                  LIVEDESK_MAX_LIVE_CONVERSATIONS: String(Math.max(20_000, plan.total * 2)),
                  ...(postgres
                    ? {
                        LIVEDESK_DATABASE_URL: urlWithSchema(plan.databaseUrl, schema),
                        LIVEDESK_REDIS_URL: plan.redisUrl,
                      }
                    : {}),
                },
              },
        ),
      );
    }
    if (!plan.direct) {
      balancer = await startLoadBalancer({
        backends: servers.map((server) => ({ name: server.name, address: `127.0.0.1:${server.port}` })),
        maxConnections: plan.total + 1_000,
      });
      await Promise.all(
        servers.map((server) => balancer!.waitForStatus(server.name, (status) => status === 'UP')),
      );
    }
    const urls = balancer
      ? [`${balancer.url.replace(/^http/, 'ws')}/ws/viewer`]
      : servers.map((server) => `${server.url.replace(/^http/, 'ws')}/ws/viewer`);
    const warmCount = Math.min(200, Math.max(20, Math.round(plan.total / 20)));
    progress(
      `  ${target}: warming up with ${warmCount} questions, then opening ${plan.total} viewer sockets${balancer ? ' through haproxy' : ''}`,
    );
    let joinRetries = 0;
    const open = (count: number) =>
      openSpikeViewers({
        urls,
        count,
        roomId: 'spike-room',
        secret,
        concurrency: 50,
        progress,
        onRetry: () => (joinRetries += 1),
      });
    // JIT, caches and the matcher's first questions are not what the spike measures.
    const warm = await open(warmCount);
    await runAckedSpike({
      viewers: warm,
      questions: SPIKE_QUESTIONS,
      perSecond: 200,
      total: warmCount,
      graceMs: 10_000,
    });
    await closeSpikeViewers(warm);
    const viewers = await open(plan.total);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    progress(`  ${target}: spike of ${plan.total} questions at ${plan.perSecond}/s`);
    const cpuBefore = servers.map((server) => server.cpuMs());
    const balancerBefore = balancer ? processCpuMs(balancer.pid) : 0;
    const spike = await runAckedSpike({
      viewers,
      questions: SPIKE_QUESTIONS,
      perSecond: plan.perSecond,
      total: plan.total,
      graceMs: 30_000,
    });
    const cpuSpent = servers.map((server, index) => server.cpuMs() - cpuBefore[index]!);
    const balancerSpent = balancer ? processCpuMs(balancer.pid) - balancerBefore : undefined;
    const questions = Math.max(1, spike.sent);
    const perNode = servers.map((server, index) => ({
      name: server.name,
      cpuPerQuestionMs: cpuSpent[index]! / questions,
      rssMiB: server.rssBytes() / 1024 / 1024,
    }));
    await closeSpikeViewers(viewers);
    return {
      target,
      spike,
      cpuPerQuestionMs: cpuSpent.reduce((sum, value) => sum + value, 0) / questions,
      perNode,
      balancerCpuPerQuestionMs: balancerSpent === undefined ? undefined : balancerSpent / questions,
      postgresRows: postgres ? await countEvents(plan.databaseUrl, schema) : undefined,
      joinRetries,
      markedDown: (balancer?.output().match(/ is DOWN/g) ?? []).length,
    };
  } finally {
    await balancer?.stop();
    await Promise.all(servers.map((server) => server.stop()));
    if (postgres)
      await onPostgres(plan.databaseUrl, (client) =>
        client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
      ).catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
}

function row(run: TargetRun, plan: ClusterPlan): string {
  const { spike } = run;
  const nodes = run.target === 'floor' ? 'floor' : `Livedesk ×${plan.nodes}`;
  return [
    nodes,
    plan.database,
    spike.sent.toLocaleString('en-US'),
    spike.achievedPerSecond.toFixed(0),
    spike.answeredPerSecond.toFixed(0),
    `${spike.unacked} / ${spike.refused} / ${spike.unanswered} / ${spike.failed}`,
    `${formatMs(spike.ack.p50Ms)} / ${formatMs(spike.ack.p99Ms)}`,
    `${formatMs(spike.end.p50Ms)} / ${formatMs(spike.end.p99Ms)}`,
    formatMs(run.cpuPerQuestionMs),
    run.perNode.map((node) => `${node.name} ${formatMs(node.cpuPerQuestionMs)}`).join(', '),
    run.balancerCpuPerQuestionMs === undefined ? '–' : formatMs(run.balancerCpuPerQuestionMs),
  ].join(' | ');
}

async function run(context: BenchmarkContext): Promise<BenchmarkReport> {
  const plan = readPlan(context);
  const { progress } = context;
  // Fail before anything starts when the balancer is missing: CI installs it (.ci/run).
  if (!plan.direct) {
    findHaproxy();
    const capacity = maxProxiedConnections();
    if (plan.total > capacity - 100)
      throw new Error(
        `${plan.total} viewer sockets through haproxy need ${plan.total * 2} open files; this machine's limit ` +
          `allows about ${capacity} proxied sockets: lower --rate × --seconds, raise \`ulimit -Hn\`, or use --direct`,
      );
  }
  progress(
    `  ${plan.nodes} node(s) on ${plan.database}${plan.direct ? ', direct' : ', through haproxy'}: ` +
      `${plan.total} questions at ${plan.perSecond}/s`,
  );
  const livedesk = await measure('livedesk', plan, progress);
  const floor = await measure('floor', plan, progress);
  const cpuRatio = livedesk.cpuPerQuestionMs / floor.cpuPerQuestionMs;
  const p99Ratio = livedesk.spike.end.p99Ms / floor.spike.end.p99Ms;
  const ackP99Ratio = livedesk.spike.ack.p99Ms / floor.spike.ack.p99Ms;
  // Until the server reads LIVEDESK_DATABASE_URL it starts on SQLite regardless: say so, never pass off
  // SQLite figures as PostgreSQL ones.
  const postgresIgnored = plan.database === 'postgres' && (livedesk.postgresRows ?? 0) === 0;
  const markdown = [
    `${plan.direct ? 'Viewers connect to the nodes directly' : 'Through HAProxy (deploy/haproxy/livedesk.cfg), leastconn, no stickiness'}; ` +
      `${plan.total.toLocaleString('en-US')} viewers each ask one question, ${plan.perSecond}/s for ${plan.seconds} s, ` +
      "open-loop. CPU is the server processes' own (/proc utime+stime) over the spike, divided by questions sent.",
    '',
    '| target | database | sent | sent/s | answered/s | unacked / refused / unanswered / failed | ack p50 / p99 ms | answer end p50 / p99 ms | server CPU ms/question | per node | haproxy CPU ms/question |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${row(livedesk, plan)} |`,
    `| ${row(floor, plan)} |`,
    '',
    `Livedesk ÷ floor: CPU per question ${cpuRatio.toFixed(1)}×, answer-end p99 ${p99Ratio.toFixed(1)}×, ack p99 ${ackP99Ratio.toFixed(1)}×.`,
    ...(livedesk.markedDown + floor.markedDown > 0
      ? [
          '',
          `haproxy marked a node DOWN during the run (health checks missed): Livedesk ${livedesk.markedDown}, floor ${floor.markedDown}.`,
        ]
      : []),
    ...(livedesk.joinRetries + floor.joinRetries > 0
      ? [
          '',
          `Viewer joins turned away while the sockets opened and tried again: Livedesk ${livedesk.joinRetries}, floor ${floor.joinRetries}.`,
        ]
      : []),
    ...(postgresIgnored
      ? [
          '',
          '**The nodes wrote nothing to PostgreSQL: the server does not read LIVEDESK_DATABASE_URL yet and ran on SQLite; ' +
            'these are not PostgreSQL figures.**',
        ]
      : []),
  ].join('\n');
  const lost = livedesk.spike.unacked + livedesk.spike.unanswered;
  const targets: TargetCheck[] =
    context.quick || plan.nodes !== 1 || plan.database !== 'sqlite'
      ? []
      : [
          {
            target: `${TARGET_RATE.toLocaleString('en-US')} questions/s on one SQLite node, p99 < ${TARGET_P99_MS} ms, nothing lost`,
            measured: `${livedesk.spike.achievedPerSecond.toFixed(0)}/s, p99 ${formatMs(livedesk.spike.end.p99Ms)} ms, ${lost} lost, ${livedesk.spike.refused} refused`,
            met:
              plan.perSecond >= TARGET_RATE &&
              livedesk.spike.achievedPerSecond >= TARGET_RATE * 0.95 &&
              livedesk.spike.end.p99Ms < TARGET_P99_MS &&
              lost === 0 &&
              livedesk.spike.refused === 0,
          },
          {
            target: `per-question CPU within ${TARGET_CPU_RATIO}× of the floor`,
            measured: `${cpuRatio.toFixed(1)}× (${formatMs(livedesk.cpuPerQuestionMs)} vs ${formatMs(floor.cpuPerQuestionMs)} ms)`,
            met: cpuRatio <= TARGET_CPU_RATIO,
          },
        ];
  return {
    markdown,
    targets,
    results: {
      plan: { ...plan, databaseUrl: plan.database === 'postgres' ? plan.databaseUrl : undefined },
      livedesk,
      floor,
      ratios: { cpuPerQuestion: cpuRatio, answerEndP99: p99Ratio, ackP99: ackP99Ratio },
      postgresIgnored,
    },
  };
}

export const clusterBenchmark: Benchmark = {
  name: 'cluster',
  description:
    'FAQ question spike through HAProxy to 1–3 Livedesk nodes (SQLite or PostgreSQL), against a floor server',
  options: {
    nodes: { type: 'string' },
    database: { type: 'string' },
    direct: { type: 'boolean', default: false },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
  },
  run,
};
