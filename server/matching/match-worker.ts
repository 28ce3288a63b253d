// A match worker's thread (see worker-backed-matcher.ts): its own matcher over the same knowledge, kept in
// step by the index changes the server sends, answering questions off the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createBuiltinSignalSupport } from '../../adapters/language/builtin-signal-support.js';
import {
  createSignalDetector,
  SignalsConfigSchema,
  type SignalDetector,
} from '../../engine/signals/detect-signals.js';
import type { LearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import { parseSignalModel } from '../signals/signal-model-file.js';
import { lowerThreadPriority } from './lower-thread-priority.js';
import { createEmbedder } from '../create-embedder.js';
import {
  FromWorkerSchema,
  ToWorkerSchema,
  type FromWorker,
  type MatchWorkerData,
  type ToWorker,
} from './match-worker-protocol.js';
import { vectorIndexFactory } from './vector-index-factory.js';

const port = parentPort;
if (!port) throw new Error('match-worker.ts runs as a worker thread');
/** Below the event loop's 0: matching waits when the loop needs the core (lower-thread-priority.ts). */
const MATCH_THREAD_NICE = 10;
lowerThreadPriority(MATCH_THREAD_NICE);
const data = workerData as MatchWorkerData;

const { embedder, analyzer } = await createEmbedder({ kind: 'builtin' });
const matcher = new Matcher({
  embedder,
  analyzer,
  createVectorIndex: vectorIndexFactory(data.vectorIndex),
  config: data.matcherConfig,
});

/**
 * The escalation signals, read here too so a burst of long messages costs the server's event loop nothing
 * but the messages: built like the server's (server/signals/signal-runtime.ts) from the knowledge base as
 * of the first rebuild, with the active model the server sends.
 */
let signalSupport: ReturnType<typeof createBuiltinSignalSupport> | undefined;
let signalLearned: LearnedSignals | undefined;
let signalDetector: SignalDetector | undefined;
const signalsConfig = SignalsConfigSchema.parse({});

function detector(): SignalDetector | undefined {
  if (!signalSupport) return undefined;
  signalDetector ??= createSignalDetector(signalsConfig, { ...signalSupport, learned: signalLearned });
  return signalDetector;
}

const reply = (message: FromWorker): void => port.postMessage(FromWorkerSchema.parse(message));
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Everything runs in the order it arrived, one piece per turn of this thread's loop, so a cancellation
 * posted after a question is read before the question is matched, and an index change is never applied
 * in the middle of a match.
 */
const queue: ToWorker[] = [];
const cancelled = new Set<number>();
let ready = false;
let running = false;

async function apply(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'rebuild':
      if (message.glossary) analyzer.useGlossary?.(message.glossary);
      signalSupport ??= createBuiltinSignalSupport({ synonyms: message.synonyms, entries: message.entries });
      await matcher.rebuild(message.entries, message.synonyms);
      if (!ready) {
        ready = true;
        reply({ type: 'ready' });
      }
      return;
    case 'upsert':
      await matcher.upsertEntry(message.entry);
      return;
    case 'remove':
      matcher.removeEntry(message.entryId);
      return;
    case 'config':
      matcher.useConfig(message.config);
      return;
    case 'match': {
      if (cancelled.delete(message.id)) {
        reply({ type: 'cancelled', id: message.id });
        return;
      }
      try {
        const decision = await matcher.match(
          message.text,
          message.context ? { context: message.context } : {},
        );
        reply({ type: 'matched', id: message.id, decision });
      } catch (error) {
        reply({ type: 'failed', id: message.id, message: errorText(error) });
      }
      return;
    }
    case 'signal-model':
      signalLearned =
        message.modelText === null
          ? undefined
          : parseSignalModel(message.modelText, 'the active model').learned;
      signalDetector = undefined;
      return;
    case 'signals': {
      if (cancelled.delete(message.id)) {
        reply({ type: 'cancelled', id: message.id });
        return;
      }
      try {
        const reader = detector();
        if (!reader) throw new Error('the signals are not built yet');
        reply({ type: 'signals-read', id: message.id, signals: reader.detect(message.input) });
      } catch (error) {
        reply({ type: 'failed', id: message.id, message: errorText(error) });
      }
      return;
    }
    case 'cancel':
      return;
  }
}

async function work(): Promise<void> {
  running = true;
  try {
    while (queue.length > 0) {
      await nextTurn();
      const message = queue.shift()!;
      try {
        await apply(message);
      } catch (error) {
        reply({ type: 'index-failed', message: errorText(error) });
      }
    }
  } finally {
    running = false;
  }
}

port.on('message', (raw: unknown) => {
  const message = ToWorkerSchema.parse(raw);
  // Cancellations act at once: the question may still be waiting in the queue.
  if (message.type === 'cancel') {
    if (
      queue.some(
        (waiting) => (waiting.type === 'match' || waiting.type === 'signals') && waiting.id === message.id,
      )
    )
      cancelled.add(message.id);
    return;
  }
  queue.push(message);
  if (!running) void work();
});
