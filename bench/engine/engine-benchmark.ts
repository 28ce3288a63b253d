import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { parseEntriesJsonl } from '../../knowledge/io/index.js';
import { loadConfig } from '../../server/config.js';
import { createConversationHub } from '../../server/conversation-runtime.js';
import { DEMO_KNOWLEDGE_FILE } from '../../server/demo-knowledge.js';
import { createSignalRuntime } from '../../server/signals/signal-runtime.js';
import {
  createKnowledgeRuntime,
  databasePath,
  type KnowledgeRuntime,
} from '../../server/knowledge-runtime.js';
import { startOpenAICompatibleServer } from '../../test/support/openai-compatible-server.js';
import type { Benchmark, TargetCheck } from '../benchmark.js';
import { formatMs, summarizeLatencies, type LatencySummary } from '../statistics.js';
import { sqliteEventLog } from '../../server/storage/sqlite-stores.js';

const TARGETS = { turnP50Ms: 2, interruptP99Ms: 20 };

/** Viewer questions: the demo's own phrasings, varied a little so they are not all exact hits. */
function demoQuestions(): string[] {
  const parsed = parseEntriesJsonl(readFileSync(DEMO_KNOWLEDGE_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('the demo knowledge base does not parse');
  return parsed.entries.flatMap((entry) => [
    ...entry.questions.map((question) => `${question}呀`),
    ...Object.values(entry.translations).flatMap((content) =>
      content.questions.map((question) => `${question} please`),
    ),
  ]);
}

async function withRuntime<T>(
  work: (runtime: KnowledgeRuntime, hub: ConversationHub) => Promise<T>,
  llmBaseUrl?: string,
): Promise<T> {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-bench-engine-'));
  const config = loadConfig({
    LIVEDESK_DATA_DIR: folder,
    ...(llmBaseUrl
      ? { LIVEDESK_LLM_BASE_URL: llmBaseUrl, LIVEDESK_LLM_MODEL: 'bench', LIVEDESK_LLM_MAX_RETRIES: '0' }
      : {}),
  });
  const runtime = await createKnowledgeRuntime(config);
  const database = createSqliteDatabase(databasePath(config));
  try {
    const hub = createConversationHub({
      config,
      knowledgeBase: runtime.knowledgeBase,
      eventLog: sqliteEventLog(database),
      signals: await createSignalRuntime({ store: runtime.store }),
    });
    const result = await work(runtime, hub);
    // Every event written before the database closes under the writer.
    await hub.flushed();
    return result;
  } finally {
    database.close();
    await runtime.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One viewer turn on the FAQ path without an LLM: match, signals, policy, reply, events recorded. */
async function measureTurns(questions: readonly string[], count: number): Promise<LatencySummary> {
  return withRuntime(async (_, hub) => {
    const samples: number[] = [];
    for (let index = 0; index < count + 50; index++) {
      // A fresh conversation per question: an earlier one would turn later questions into repetitions.
      const conversation = hub.open(
        { profile: { viewerId: `viewer-${index}`, tier: 'regular' } },
        () => undefined,
      );
      const started = performance.now();
      conversation.viewerMessage(questions[index % questions.length]!);
      await conversation.idle();
      if (index >= 50) samples.push(performance.now() - started);
    }
    await hub.flushed();
    return summarizeLatencies(samples);
  });
}

/** From the viewer's interrupting message to the LLM server seeing its stream closed. */
async function measureInterrupts(count: number): Promise<LatencySummary> {
  const llm = await startOpenAICompatibleServer();
  try {
    llm.chat.respondWith(() => ({
      tokens: Array.from({ length: 200 }, (_, index) => `token${index} `),
      tokenDelayMs: 20,
    }));

    return await withRuntime(async (_, hub) => {
      const samples: number[] = [];
      const warmUp = 10;
      for (let index = 0; index < count + warmUp; index++) {
        let firstDelta: () => void = () => undefined;
        const streaming = new Promise<void>((resolve) => {
          firstDelta = resolve;
        });
        const conversation = hub.open(
          { profile: { viewerId: `viewer-${index}`, tier: 'regular' } },
          (event: ConversationEvent) => {
            if (event.type === 'text-delta') firstDelta();
          },
        );
        const requestNumber = llm.chat.requests.length;
        conversation.viewerMessage('how do I top up coins');
        await streaming;
        const interruptedAt = performance.now();
        conversation.viewerMessage('never mind');
        const closed = await llm.chat.closed(requestNumber);
        if (index >= warmUp) samples.push((closed.closedAt ?? Number.NaN) - interruptedAt);
        conversation.close('bench');
        await conversation.idle();
      }
      return summarizeLatencies(samples);
    }, llm.baseURL);
  } finally {
    await llm.close();
  }
}

export const engineBenchmark: Benchmark = {
  name: 'engine',
  description: 'conversation engine: turn overhead on the FAQ path (no LLM), interrupt to LLM stream closed',
  async run({ quick, progress }) {
    const questions = demoQuestions();
    progress('  turns on the demo knowledge base, no LLM');
    const turns = await measureTurns(questions, quick ? 200 : 2000);
    progress('  interrupting streamed LLM answers');
    const interrupts = await measureInterrupts(quick ? 20 : 200);
    const row = (name: string, summary: LatencySummary) =>
      `| ${name} | ${summary.count} | ${formatMs(summary.p50Ms)} | ${formatMs(summary.p95Ms)} | ${formatMs(summary.p99Ms)} | ${formatMs(summary.maxMs)} |`;
    const markdown = [
      '| measurement | samples | p50 ms | p95 ms | p99 ms | max ms |',
      '| --- | --- | --- | --- | --- | --- |',
      row('viewer turn, FAQ path, no LLM (demo knowledge base, default index, events in SQLite)', turns),
      row('interrupt → LLM HTTP stream closed (local OpenAI-compatible server)', interrupts),
    ].join('\n');
    const targets: TargetCheck[] = [
      {
        target: `turn p50 < ${TARGETS.turnP50Ms} ms`,
        measured: `${formatMs(turns.p50Ms)} ms`,
        met: turns.p50Ms < TARGETS.turnP50Ms,
      },
      {
        target: `interrupt to stream closed p99 < ${TARGETS.interruptP99Ms} ms`,
        measured: `${formatMs(interrupts.p99Ms)} ms`,
        met: interrupts.p99Ms < TARGETS.interruptP99Ms,
      },
    ];
    return { markdown, targets, results: { turns, interrupts } };
  },
};
