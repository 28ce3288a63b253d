import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Benchmark, BenchmarkContext, BenchmarkReport, TargetCheck } from '../benchmark.js';
import { startInspectorProfile } from '../load/inspector-profiler.js';
import { startServerProcess } from '../load/server-process.js';
import { formatMs, summarizeLatencies, type LatencySummary } from '../statistics.js';
import { checkAcknowledged } from './lost-messages.js';
import { runStallAttack } from './stall-attack.js';

const TARGET_P99_MS = 100;

interface Scenario {
  name: string;
  sessions: number;
}

/** Issue 12, finding 4: 20 anonymous sessions from one address, then five times that from five addresses. */
const SCENARIOS: readonly Scenario[] = [
  { name: 'issue attack (20 sessions, 1 address)', sessions: 20 },
  { name: '5× (100 sessions, 5 addresses)', sessions: 100 },
];

interface ScenarioResult {
  scenario: string;
  attackSeconds: number;
  addresses: number;
  sent: number;
  acknowledged: number;
  refused: Record<string, number>;
  unanswered: number;
  lost: number;
  duplicated: number;
  healthz: LatencySummary;
  quietHealthz: LatencySummary;
  quietVictimAck: LatencySummary;
  healthzFailures: number;
  victimAck: LatencySummary;
  victimUnacknowledged: number;
  victimRefused: number;
  generatorLagP99Ms: number;
  serverCpuSeconds: number;
}

async function runScenario(scenario: Scenario, context: BenchmarkContext): Promise<ScenarioResult> {
  const secret = randomBytes(32).toString('base64url');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-stall-'));
  context.progress(`  ${scenario.name}: starting the server (data in ${dataDir})`);
  // Server defaults throughout (20 viewer sockets per address, 5 messages/s per viewer, burst 10): the
  // attack stays within every limit, as in the issue.
  const server = await startServerProcess({ LIVEDESK_DATA_DIR: dataDir, LIVEDESK_SECRET: secret });
  try {
    // LIVEDESK_BENCH_PROFILE=file.cpuprofile: a CPU profile of the server during the last scenario's attack.
    const profileFile = process.env.LIVEDESK_BENCH_PROFILE;
    const profiler =
      profileFile && server.inspectorPort !== undefined && scenario === SCENARIOS.at(-1)
        ? await startInspectorProfile(server.inspectorPort)
        : undefined;
    const cpuBefore = server.cpuMs();
    const attack = await runStallAttack({
      url: server.url,
      secret,
      sessions: scenario.sessions,
      sessionsPerAddress: 20,
      messagesPerSession: 10,
      charactersPerMessage: 1000,
      quietMs: 1500,
      maxAttackMs: context.quick ? 30_000 : 120_000,
      progress: context.progress,
    });
    const serverCpuSeconds = (server.cpuMs() - cpuBefore) / 1000;
    if (profiler && profileFile) await profiler.stop(profileFile);
    await server.stop();
    const { lost, duplicated } = checkAcknowledged(
      path.join(dataDir, 'livedesk.sqlite'),
      attack.acknowledged,
    );
    return {
      scenario: scenario.name,
      attackSeconds: attack.attackMs / 1000,
      addresses: attack.addresses,
      sent: attack.sent,
      acknowledged: attack.acknowledged.length,
      refused: attack.refused,
      unanswered: attack.unanswered,
      lost,
      duplicated,
      healthz: summarizeLatencies(attack.healthzMs),
      quietHealthz: summarizeLatencies(attack.quietHealthzMs),
      quietVictimAck: summarizeLatencies(attack.quietVictimAckMs),
      healthzFailures: attack.healthzFailures,
      victimAck: summarizeLatencies(attack.victimAckMs),
      victimUnacknowledged: attack.victimUnacknowledged,
      victimRefused: attack.victimRefused,
      generatorLagP99Ms: attack.generatorLagP99Ms,
      serverCpuSeconds,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const latencyCell = (summary: LatencySummary): string =>
  `${formatMs(summary.p50Ms)} / ${formatMs(summary.p99Ms)} / ${formatMs(summary.maxMs)} (${summary.count})`;

async function run(context: BenchmarkContext): Promise<BenchmarkReport> {
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) results.push(await runScenario(scenario, context));
  const markdown = [
    '| scenario | attack lasted | sent / acked / refused / unanswered | acked but lost / stored twice | /healthz p50 / p99 / max ms (n) | other viewer ack p50 / p99 / max ms (n) | server CPU |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.scenario} | ${result.attackSeconds.toFixed(1)} s | ${result.sent} / ${result.acknowledged} / ${
          Object.entries(result.refused)
            .map(([code, count]) => `${count} ${code}`)
            .join(', ') || 0
        } / ${result.unanswered} | ${result.lost} / ${result.duplicated} | ${latencyCell(result.healthz)}${
          result.healthzFailures > 0 ? `, ${result.healthzFailures} failed` : ''
        } | ${latencyCell(result.victimAck)}${
          result.victimUnacknowledged > 0 ? `, ${result.victimUnacknowledged} never acked` : ''
        }${result.victimRefused > 0 ? `, ${result.victimRefused} refused` : ''} | ${result.serverCpuSeconds.toFixed(1)} s |`,
    ),
    '',
    'Before each attack, with no attack (what this machine gives; other processes share it):',
    '',
    "| scenario | /healthz p50 / p99 / max ms (n) | other viewer ack p50 / p99 / max ms (n) | load generator's own event-loop delay p99 during the attack |",
    '|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.scenario} | ${latencyCell(result.quietHealthz)} | ${latencyCell(result.quietVictimAck)} | ${formatMs(result.generatorLagP99Ms)} ms |`,
    ),
  ].join('\n');
  const targets: TargetCheck[] = results.flatMap((result) => [
    {
      target: `${result.scenario}: /healthz p99 < ${TARGET_P99_MS} ms from another address`,
      measured: `${formatMs(result.healthz.p99Ms)} ms (${result.healthzFailures} failed)`,
      met: result.healthz.p99Ms < TARGET_P99_MS && result.healthzFailures === 0,
    },
    {
      target: `${result.scenario}: another viewer's ack p99 < ${TARGET_P99_MS} ms`,
      measured: `${formatMs(result.victimAck.p99Ms)} ms (${result.victimUnacknowledged} never acked, ${result.victimRefused} refused)`,
      met:
        result.victimAck.p99Ms < TARGET_P99_MS &&
        result.victimUnacknowledged === 0 &&
        result.victimRefused === 0,
    },
    {
      target: `${result.scenario}: nothing acknowledged is lost`,
      measured: `${result.lost} of ${result.acknowledged} lost`,
      met: result.lost === 0,
    },
  ]);
  return { markdown, targets: context.quick ? [] : targets, results };
}

export const stallBenchmark: Benchmark = {
  name: 'stall',
  description:
    'issue 12 finding 4: anonymous viewers sending back-to-back 1,000-character messages; /healthz and another viewer meanwhile',
  run,
};
