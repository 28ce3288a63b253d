// npx tsx bench/postgres-event-log.ts [--events 20000] [--conversations 2000] [--in-flight 200]
// Appends events through the PostgreSQL conversation log (group commit) with a fixed number of appends in
// flight, as a busy node does, without and with fencing; prints appends/s and append latency. Runs in a
// schema of its own on LIVEDESK_TEST_DATABASE_URL (default: the local test database), dropped afterwards.
import { parseArgs } from 'node:util';
import { createPostgresConversationEventLog } from '../adapters/postgres/conversation-event-log.js';
import { ConversationEventSchema } from '../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../engine/conversation/conversation-events.js';
import { createPostgresTestSchema } from '../test/support/postgres-test-schema.js';
import { formatMs, summarizeLatencies, type LatencySummary } from './statistics.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    conversations: { type: 'string', default: '2000' },
    'in-flight': { type: 'string', default: '200' },
  },
});
const events = Number(values.events);
const conversations = Number(values.conversations);
const inFlight = Number(values['in-flight']);

/** A viewer's question and the answer's end, alternately: what a FAQ turn writes most. */
function eventFor(index: number): ConversationEvent {
  const at = new Date(Date.UTC(2026, 5, 1, 12) + index).toISOString();
  return index % 2 === 0
    ? { type: 'viewer-message', text: `我的金币什么时候到账? order ${index}`, channel: 'text', at }
    : {
        type: 'turn-end',
        turnId: `t${index}`,
        reason: 'done',
        delivered: '充值通常几分钟内到账，请稍候刷新。',
      };
}

interface RunResult {
  appendsPerSecond: number;
  latency: LatencySummary;
}

async function run(fenced: boolean): Promise<RunResult> {
  const schema = await createPostgresTestSchema();
  try {
    const ids = Array.from({ length: conversations }, (_, index) => `bench-${index}`);
    if (fenced) {
      await schema.pool.query(
        `INSERT INTO conversation_leases (conversation_id, node_id, fencing_token, expires_at)
         SELECT id, 'bench', 1, now() + interval '1 hour' FROM unnest($1::text[]) AS id`,
        [ids],
      );
    }
    const log = createPostgresConversationEventLog<ConversationEvent>({
      pool: schema.pool,
      eventSchema: ConversationEventSchema,
      ...(fenced ? { fencing: { tokenFor: () => 1 } } : {}),
    });
    const latencies: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < events) {
        const index = next;
        next += 1;
        const started = performance.now();
        await log.append(ids[index % conversations]!, new Date().toISOString(), eventFor(index));
        latencies.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, worker));
    const elapsedMs = performance.now() - started;
    const stored = await schema.pool.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM conversation_events',
    );
    if (stored.rows[0]!.count !== events)
      throw new Error(`stored ${stored.rows[0]!.count} of ${events} events`);
    return { appendsPerSecond: (events / elapsedMs) * 1000, latency: summarizeLatencies(latencies) };
  } finally {
    await schema.cleanup();
  }
}

process.stdout.write(
  `${events} appends across ${conversations} conversations, ${inFlight} in flight, one pool of 4 connections\n\n`,
);
process.stdout.write('| mode | appends/s | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n');
for (const fenced of [false, true]) {
  const result = await run(fenced);
  process.stdout.write(
    `| ${fenced ? 'fenced' : 'plain'} | ${Math.round(result.appendsPerSecond).toLocaleString('en-US')} | ${formatMs(result.latency.p50Ms)} | ${formatMs(result.latency.p99Ms)} | ${formatMs(result.latency.maxMs)} |\n`,
  );
}
