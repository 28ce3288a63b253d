import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Benchmark, BenchmarkContext, BenchmarkReport } from '../benchmark.js';
import { formatMiB, formatMs, summarizeLatencies } from '../statistics.js';
import { startInspectorProfile } from './inspector-profiler.js';
import { runQuestionSpike } from './question-spike.js';
import { startServerProcess } from './server-process.js';
import { closeSwarm, openSwarm } from './viewer-swarm.js';

/** One room's spike: the same FAQ asked over and over, as typed by many viewers (variants, a typo, English). */
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

const TARGET_P99_MS = 100;

async function run({ quick, progress }: BenchmarkContext): Promise<BenchmarkReport> {
  const connections = quick ? 1_000 : 10_000;
  // LIVEDESK_LOAD_RATE: another spike rate, to find the highest one that keeps the latency target.
  const perSecond = Number(process.env.LIVEDESK_LOAD_RATE ?? (quick ? 500 : 2_000));
  const total = quick ? 1_000 : 10_000;
  const secret = randomBytes(32).toString('base64url');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-load-'));
  progress(`  starting the server (data in ${dataDir})`);
  const server = await startServerProcess({
    LIVEDESK_DATA_DIR: dataDir,
    LIVEDESK_SECRET: secret,
    // Every simulated viewer comes from 127.0.0.1.
    LIVEDESK_MAX_VIEWER_CONNECTIONS_PER_IP: String(connections + 100),
    // The per-address budgets are for one hostile address; this one address stands for 10,000 viewers.
    LIVEDESK_ADDRESS_NEW_CONVERSATIONS_PER_HOUR: '10000000',
    LIVEDESK_ADDRESS_MATCH_CHARS_PER_SECOND: String(perSecond * 100),
  });
  try {
    const rssIdle = server.rssBytes();
    progress(`  opening ${connections} viewer sockets`);
    const openStarted = performance.now();
    const viewers = await openSwarm({
      url: server.url,
      roomId: 'load-room',
      count: connections,
      secret,
      concurrency: 100,
      progress,
    });
    const openSeconds = (performance.now() - openStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssConnected = server.rssBytes();
    progress(`  spike: ${total} questions at ${perSecond}/s`);
    // LIVEDESK_BENCH_PROFILE=file.cpuprofile: a CPU profile of the server during the spike only.
    const profileFile = process.env.LIVEDESK_BENCH_PROFILE;
    const profiler =
      profileFile && server.inspectorPort !== undefined
        ? await startInspectorProfile(server.inspectorPort)
        : undefined;
    const cpuBeforeSpike = server.cpuMs();
    // The generator shares the cores with the server: its own CPU during the spike is reported beside the server's.
    const generatorCpuBefore = process.cpuUsage();
    const spike = await runQuestionSpike({
      viewers,
      questions: SPIKE_QUESTIONS,
      perSecond,
      total,
      graceMs: 30_000,
    });
    const rssAfterSpike = server.rssBytes();
    const cpuPerQuestionMs = (server.cpuMs() - cpuBeforeSpike) / Math.max(1, spike.sent);
    const generatorCpu = process.cpuUsage(generatorCpuBefore);
    const generatorCpuPerQuestionMs =
      (generatorCpu.user + generatorCpu.system) / 1000 / Math.max(1, spike.sent);
    if (profiler && profileFile) await profiler.stop(profileFile);
    const latency = summarizeLatencies(spike.latenciesMs);
    await closeSwarm(viewers);
    const perConnection = (rssConnected - rssIdle) / connections;
    const perAnswered = (rssAfterSpike - rssIdle) / connections;
    const markdown = [
      '| figure | value |',
      '|---|---|',
      `| viewer sockets held | ${connections.toLocaleString('en-US')} (opened in ${openSeconds.toFixed(1)} s) |`,
      `| server RSS idle → connected → after spike | ${formatMiB(rssIdle)} → ${formatMiB(rssConnected)} → ${formatMiB(rssAfterSpike)} MiB |`,
      `| memory per connection (joined, idle) | ${(perConnection / 1024).toFixed(1)} KiB |`,
      `| memory per connection after one answered question | ${(perAnswered / 1024).toFixed(1)} KiB |`,
      `| questions sent / rate achieved | ${spike.sent.toLocaleString('en-US')} at ${spike.achievedPerSecond.toFixed(0)}/s |`,
      `| answered / failed / unanswered | ${spike.answered} / ${spike.failed} / ${spike.unanswered} |`,
      `| server CPU per question (whole process) | ${formatMs(cpuPerQuestionMs)} ms |`,
      `| load generator CPU per question (this process) | ${formatMs(generatorCpuPerQuestionMs)} ms |`,
      `| reply latency p50 / p95 / p99 / max | ${formatMs(latency.p50Ms)} / ${formatMs(latency.p95Ms)} / ${formatMs(latency.p99Ms)} / ${formatMs(latency.maxMs)} ms |`,
    ].join('\n');
    const complete = spike.answered === total;
    return {
      markdown,
      targets: quick
        ? []
        : [
            {
              target: 'hold 10,000 viewer WebSockets on one server process',
              measured: `${connections.toLocaleString('en-US')} joined`,
              met: viewers.length === 10_000,
            },
            {
              target: `2,000 questions/s spike, p99 reply latency < ${TARGET_P99_MS} ms, every question answered`,
              measured: `${spike.achievedPerSecond.toFixed(0)}/s, p99 ${formatMs(latency.p99Ms)} ms, ${spike.answered}/${total} answered`,
              met:
                perSecond >= 2_000 &&
                spike.achievedPerSecond >= 1_900 &&
                latency.p99Ms < TARGET_P99_MS &&
                complete,
            },
          ],
      results: {
        connections,
        perSecond,
        total,
        openSeconds,
        rssIdle,
        rssConnected,
        rssAfterSpike,
        perConnection,
        generatorCpuPerQuestionMs,
        spike: { ...spike, latenciesMs: undefined },
        latency,
      },
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const loadBenchmark: Benchmark = {
  name: 'load',
  description: '10,000 viewer WebSockets on one server process; a 2,000 questions/s FAQ spike in one room',
  run,
};
