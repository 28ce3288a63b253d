import type { SpeechAudioChunk, SynthesizeOptions, TextToSpeech } from '../../engine/voice/speech-ports.js';

export interface SharedSynthesisOptions {
  /** Finished syntheses kept for viewers who get the same words a little later. Default 64. */
  maxEntries?: number | undefined;
  /** Audio bytes kept in all, finished syntheses together. Default 16 MiB. */
  maxCachedBytes?: number | undefined;
  /** A synthesis with more audio than this is not kept once finished, nor joined past it. Default 2 MiB. */
  maxEntryBytes?: number | undefined;
  /** How long a finished synthesis is kept. Default 60 s. */
  ttlMs?: number | undefined;
  nowMs?: (() => number) | undefined;
}

interface Synthesis {
  key: string;
  chunks: SpeechAudioChunk[];
  bytes: number;
  state: 'running' | 'done' | 'failed';
  error: unknown;
  /** Ends the request to the synthesiser: its last reader left before it finished. */
  controller: AbortController;
  readers: number;
  /** Readers waiting for the next chunk or the end. */
  wake: Set<() => void>;
  finishedAt: number;
}

/**
 * One synthesis for the same words in the same voice and language: an answer spoken to many viewers at
 * once (a popular FAQ during a live event) is synthesised once, and every socket streams the same chunks
 * as they come. A reader who leaves (its viewer barged in) stops only itself; the request is aborted when
 * no reader is left. Finished syntheses stay a short while, bounded in count and bytes; a failed one is
 * not kept, so the next viewer tries again.
 */
export function shareSynthesis(inner: TextToSpeech, options: SharedSynthesisOptions = {}): TextToSpeech {
  const maxEntries = options.maxEntries ?? 64;
  const maxCachedBytes = options.maxCachedBytes ?? 16 * 1024 * 1024;
  const maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024;
  const ttlMs = options.ttlMs ?? 60_000;
  const nowMs = options.nowMs ?? (() => performance.now());
  /** In flight, joinable. */
  const running = new Map<string, Synthesis>();
  /** Finished, least recently used first. */
  const finished = new Map<string, Synthesis>();
  let finishedBytes = 0;

  const notify = (synthesis: Synthesis): void => {
    for (const wake of [...synthesis.wake]) wake();
  };

  const dropFinished = (key: string): void => {
    const synthesis = finished.get(key);
    if (!synthesis) return;
    finished.delete(key);
    finishedBytes -= synthesis.bytes;
  };

  const keep = (synthesis: Synthesis): void => {
    if (synthesis.bytes > maxEntryBytes || synthesis.bytes > maxCachedBytes) return;
    dropFinished(synthesis.key);
    finished.set(synthesis.key, synthesis);
    finishedBytes += synthesis.bytes;
    for (const key of finished.keys()) {
      if (finished.size <= maxEntries && finishedBytes <= maxCachedBytes) break;
      dropFinished(key);
    }
  };

  const lookUp = (key: string): Synthesis | undefined => {
    const live = running.get(key);
    if (live) return live;
    const done = finished.get(key);
    if (!done) return undefined;
    if (nowMs() - done.finishedAt > ttlMs) {
      dropFinished(key);
      return undefined;
    }
    // Used again: to the back of the eviction order.
    finished.delete(key);
    finished.set(key, done);
    return done;
  };

  const start = (key: string, text: string, synthesize: Omit<SynthesizeOptions, 'signal'>): Synthesis => {
    const synthesis: Synthesis = {
      key,
      chunks: [],
      bytes: 0,
      state: 'running',
      error: undefined,
      controller: new AbortController(),
      readers: 0,
      wake: new Set(),
      finishedAt: 0,
    };
    running.set(key, synthesis);
    const leave = (): void => {
      if (running.get(key) === synthesis) running.delete(key);
    };
    void (async () => {
      try {
        for await (const chunk of inner.synthesize(text, {
          ...synthesize,
          signal: synthesis.controller.signal,
        })) {
          synthesis.chunks.push(chunk);
          synthesis.bytes += chunk.pcm.length;
          // Too long to keep: readers already on it go on; nobody else joins.
          if (synthesis.bytes > maxEntryBytes) leave();
          notify(synthesis);
        }
        synthesis.state = 'done';
        synthesis.finishedAt = nowMs();
        leave();
        if (!synthesis.controller.signal.aborted) keep(synthesis);
      } catch (error) {
        synthesis.state = 'failed';
        synthesis.error = error;
        leave();
      }
      notify(synthesis);
    })();
    return synthesis;
  };

  const next = (synthesis: Synthesis, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const done = (): void => {
        synthesis.wake.delete(done);
        signal.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = (): void => {
        synthesis.wake.delete(done);
        reject(asError(signal.reason));
      };
      synthesis.wake.add(done);
      signal.addEventListener('abort', aborted, { once: true });
    });

  async function* read(text: string, options: SynthesizeOptions): AsyncGenerator<SpeechAudioChunk> {
    const { signal, ...synthesize } = options;
    signal.throwIfAborted();
    const key = JSON.stringify([text, synthesize.voice ?? '', synthesize.language ?? '']);
    const synthesis = lookUp(key) ?? start(key, text, synthesize);
    synthesis.readers++;
    try {
      for (let index = 0; ;) {
        signal.throwIfAborted();
        if (index < synthesis.chunks.length) {
          yield synthesis.chunks[index++]!;
          continue;
        }
        if (synthesis.state === 'done') return;
        if (synthesis.state === 'failed') throw synthesis.error;
        await next(synthesis, signal);
      }
    } finally {
      synthesis.readers--;
      if (synthesis.readers === 0 && synthesis.state === 'running') {
        // Nobody listens any more: the request ends at once, and nothing half-made is kept.
        if (running.get(key) === synthesis) running.delete(key);
        synthesis.controller.abort();
      }
    }
  }

  return {
    synthesize: (text, synthesizeOptions) => ({
      [Symbol.asyncIterator]: () => read(text, synthesizeOptions),
    }),
  };
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error('aborted', { cause: reason });
}
