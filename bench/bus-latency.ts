// npx tsx bench/bus-latency.ts [--count 5000] [--redis redis://127.0.0.1:6379]: the cluster primitives' latency on
// one machine: a bus message one way and there and back, an owner request, and a shared rate-limit decision,
// each in process and over Redis, one at a time (no queueing), p50/p99 over `count` samples.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openRedisClient } from '../adapters/redis/open-redis-client.js';
import { openRedisBus } from '../adapters/redis/redis-bus.js';
import { createRedisRateLimiter } from '../adapters/redis/redis-rate-limiter.js';
import type { Bus, ClusterBus } from '../server/cluster/bus.js';
import { createInMemoryRateLimiter } from '../server/cluster/in-memory-rate-limiter.js';
import { createInProcessBus } from '../server/cluster/in-process-bus.js';
import { createOwnerRequests } from '../server/cluster/owner-requests.js';
import type { SharedRateLimiter } from '../server/cluster/shared-rate-limiter.js';
import { describeMachine } from './machine.js';
import { formatMs, summarizeLatencies } from './statistics.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
  },
});
const count = Number(values.count);
const WARMUP = 200;

const StampSchema = z.object({ n: z.number(), sentAt: z.number() });

async function measure(run: (index: number) => Promise<number>): Promise<number[]> {
  for (let index = 0; index < WARMUP; index += 1) await run(-1 - index);
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) samples.push(await run(index));
  return samples;
}

/** Publish on one node, time until the other node's subscriber has it (same clock: same process). */
async function oneWay(from: Bus, to: Bus): Promise<number[]> {
  let arrived: ((ms: number) => void) | undefined;
  const unsubscribe = await to.subscribe('bench.one-way', {
    schema: StampSchema,
    onMessage: (message) => arrived?.(performance.now() - message.sentAt),
  });
  const samples = await measure(async (n) => {
    const done = new Promise<number>((resolve) => (arrived = resolve));
    await from.publish('bench.one-way', { n, sentAt: performance.now() });
    return done;
  });
  unsubscribe();
  return samples;
}

/** Ping from one node, the other answers on another channel: the time until the answer is back. */
async function roundTrip(from: Bus, to: Bus): Promise<number[]> {
  const unsubscribeEcho = await to.subscribe('bench.ping', {
    schema: StampSchema,
    onMessage: (message) => void to.publish('bench.pong', message),
  });
  let answered: ((ms: number) => void) | undefined;
  const unsubscribe = await from.subscribe('bench.pong', {
    schema: StampSchema,
    onMessage: (message) => answered?.(performance.now() - message.sentAt),
  });
  const samples = await measure(async (n) => {
    const done = new Promise<number>((resolve) => (answered = resolve));
    await from.publish('bench.ping', { n, sentAt: performance.now() });
    return done;
  });
  unsubscribe();
  unsubscribeEcho();
  return samples;
}

async function ownerRequest(from: Bus, to: Bus): Promise<number[]> {
  const owner = await createOwnerRequests({
    bus: to,
    nodeId: 'bench-owner',
    handle: (request) => Promise.resolve({ ok: true, n: StampSchema.parse(request.body).n }),
  });
  const asker = await createOwnerRequests({
    bus: from,
    nodeId: 'bench-asker',
    handle: () => Promise.resolve(null),
  });
  const ReplySchema = z.object({ ok: z.literal(true), n: z.number() });
  const samples = await measure(async (n) => {
    const startedAt = performance.now();
    await asker.request({ nodeId: 'bench-owner', body: { n, sentAt: startedAt }, schema: ReplySchema });
    return performance.now() - startedAt;
  });
  owner.close();
  asker.close();
  return samples;
}

async function rateLimit(limiter: SharedRateLimiter): Promise<number[]> {
  const limit = { perSecond: 1_000_000, burst: 1_000_000 };
  return measure(async (n) => {
    const startedAt = performance.now();
    // A viewer message's decision: the viewer's bucket and the address's, at once.
    await limiter.take([
      { key: `bench:viewer:${n % 100}`, limit },
      { key: `bench:address:${n % 10}`, limit, cost: 40 },
    ]);
    return performance.now() - startedAt;
  });
}

const rows: string[] = [];
function report(name: string, transport: string, samples: number[]): void {
  const summary = summarizeLatencies(samples);
  rows.push(
    `| ${name} | ${transport} | ${summary.count} | ${formatMs(summary.p50Ms)} | ${formatMs(summary.p99Ms)} | ${formatMs(summary.maxMs)} |`,
  );
}

const inProcess = createInProcessBus();
report('bus message, one way', 'in-process', await oneWay(inProcess, inProcess));
report('bus message, round trip', 'in-process', await roundTrip(inProcess, inProcess));
report('owner request', 'in-process', await ownerRequest(inProcess, inProcess));
report('rate-limit decision (2 buckets)', 'in-memory', await rateLimit(createInMemoryRateLimiter()));

const prefix = `livedesk-bench:${randomBytes(4).toString('hex')}:`;
const redisA = await openRedisClient({ url: values.redis });
const redisB = await openRedisClient({ url: values.redis });
const busA: ClusterBus = await openRedisBus({ redis: redisA, channelPrefix: prefix });
const busB: ClusterBus = await openRedisBus({ redis: redisB, channelPrefix: prefix });
report('bus message, one way', 'Redis', await oneWay(busA, busB));
report('bus message, round trip', 'Redis', await roundTrip(busA, busB));
report('owner request', 'Redis', await ownerRequest(busA, busB));
report(
  'rate-limit decision (2 buckets)',
  'Redis',
  await rateLimit(createRedisRateLimiter({ redis: redisA, keyPrefix: `${prefix}rate:` })),
);
const leftovers = await redisA.keys(`${prefix}*`);
if (leftovers.length > 0) await redisA.del(...leftovers);
await busA.close();
await busB.close();
await redisA.quit();
await redisB.quit();

const machine = describeMachine();
console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}`);
console.log('| what | transport | samples | p50 ms | p99 ms | max ms |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
