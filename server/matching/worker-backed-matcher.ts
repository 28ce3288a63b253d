import { Worker } from 'node:worker_threads';
import type { Signals, SignalsInput } from '../../engine/signals/detect-signals.js';
import type { Entry } from '../../knowledge/entry.js';
import { throwIfAborted } from '../../knowledge/errors.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { MatcherConfig } from '../../knowledge/matching/matcher-config.js';
import { Matcher, type MatcherOptions, type MatchOptions } from '../../knowledge/matching/matcher.js';
import type { CallOptions } from '../../knowledge/ports.js';
import type { Synonym } from '../../knowledge/synonym.js';
import { createWorkPacer, type WorkPacer } from '../pacing/work-pacer.js';
import {
  FromWorkerSchema,
  type FromWorker,
  type MatchWorkerData,
  type ToWorker,
} from './match-worker-protocol.js';

export interface MatchWorkerOptions extends MatchWorkerData {
  /** Threads, each with its own copy of the index; questions go to the least busy. At least 1. */
  workers: number;
  /** The domain packs' glossary as of the last full rebuild (the analyzer's other input beside synonyms). */
  glossary?: () => ReadonlyMap<string, readonly string[]> | undefined;
  /** Questions sent to one thread before its answers come back; more wait here, where they can be dropped. */
  inFlightPerWorker?: number;
  /** A thread that died is started again after this long (doubling while it dies before it is ready). */
  restartDelayMs?: number;
  onWorkerError?: ((error: unknown) => void) | undefined;
}

/** The escalation signals as this thread reads them, for the threads to read the same way. */
export interface SignalSource {
  /** Reads one turn here (the fallback while no thread answers). */
  detect(input: SignalsInput): Signals;
  /**
   * The active model as stored, or null for none: sent to a thread before the first signals it reads with
   * it. Undefined: the model in use cannot be sent (it has no stored text), so signals are read here.
   */
  modelText(): string | null | undefined;
}

type Request =
  | { kind: 'match'; text: string; options: MatchOptions }
  | { kind: 'signals'; input: SignalsInput; signal?: AbortSignal | undefined };

interface Question {
  id: number;
  request: Request;
  resolve: (answer: never) => void;
  reject: (error: unknown) => void;
  /** Removes the abort listener. */
  release: () => void;
  /** Aborted while a thread held it: its answer, when it comes, is dropped. */
  abandoned?: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The signal model last sent to this thread (undefined: none sent yet). */
  signalModel?: string | null;
  /** Questions sent to this thread and not yet answered. */
  asked: Map<number, Question>;
}

/**
 * The matcher, with questions answered on worker threads (issue 12): matching a burst of long questions
 * costs the event loop nothing but the messages. Every index change (a full rebuild, an entry edited or
 * removed, a new matcher configuration) is applied here and sent to every thread in the same order, so the
 * threads' copies follow the knowledge base exactly as this one does; the knowledge base above it (its
 * decision cache and reranker) is unchanged.
 *
 * This thread's own index is kept as the fallback: while no thread is ready (starting, restarting after a
 * crash), questions are matched here, paced; questions a thread held when it died are matched here, not lost.
 */
export class WorkerBackedMatcher extends Matcher {
  readonly #slots: (Slot | undefined)[];
  readonly #waiting: Question[] = [];
  #nextId = 0;
  #closed = false;
  /** What a restarted thread is built from: the last rebuild and every change since. */
  readonly #current = new Map<string, Entry>();
  #synonyms: readonly Synonym[] = [];
  #latestConfig: MatcherConfig | undefined;
  readonly #inFlightPerWorker: number;
  readonly #restartDelayMs: number;
  readonly #fallback: WorkPacer = createWorkPacer();
  readonly #restartDelays: number[];
  readonly #onReady = new Set<() => void>();
  #withinUpsert = false;
  #signals: SignalSource | undefined;
  /** Whether the first full rebuild has happened (before it, a new thread waits for it). */
  #built = false;

  readonly #workerOptions: MatchWorkerOptions;

  constructor(options: MatcherOptions, workerOptions: MatchWorkerOptions) {
    super(options);
    this.#workerOptions = workerOptions;
    const count = Math.max(1, workerOptions.workers);
    this.#inFlightPerWorker = workerOptions.inFlightPerWorker ?? 2;
    this.#restartDelayMs = workerOptions.restartDelayMs ?? 500;
    this.#restartDelays = new Array<number>(count).fill(this.#restartDelayMs);
    this.#slots = Array.from({ length: count }, (_, index) => this.#start(index));
  }

  /** The running threads (for health checks and tests). */
  threads(): readonly Worker[] {
    return this.#slots.flatMap((slot) => (slot ? [slot.worker] : []));
  }

  /**
   * Resolves once a thread is built and answering (at start-up a thread loads its own embedder and indexes
   * everything again, seconds on a busy machine); until then questions are matched on this thread.
   */
  whenReady(signal?: AbortSignal): Promise<void> {
    if (this.readyWorkers > 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#onReady.delete(done);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const done = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#onReady.add(done);
    });
  }

  /** Threads that are built and answering. */
  get readyWorkers(): number {
    return this.#slots.filter((slot) => slot?.ready).length;
  }

  override async rebuild(
    entries: readonly Entry[],
    synonyms: readonly Synonym[],
    options: CallOptions = {},
  ): Promise<void> {
    await super.rebuild(entries, synonyms, options);
    this.#current.clear();
    for (const entry of entries) this.#current.set(entry.id, entry);
    this.#synonyms = synonyms;
    this.#built = true;
    this.#broadcast(this.#snapshot());
  }

  override async upsertEntry(entry: Entry, options: CallOptions = {}): Promise<void> {
    this.#current.set(entry.id, entry);
    this.#broadcast({ type: 'upsert', entry });
    // The base class removes the entry's old version first, synchronously, through removeEntry: that is
    // part of this upsert, and the threads do it themselves.
    this.#withinUpsert = true;
    let applied: Promise<void>;
    try {
      applied = super.upsertEntry(entry, options);
    } finally {
      this.#withinUpsert = false;
    }
    await applied;
  }

  override removeEntry(entryId: string): void {
    if (this.#withinUpsert) return super.removeEntry(entryId);
    this.#current.delete(entryId);
    this.#broadcast({ type: 'remove', entryId });
    super.removeEntry(entryId);
  }

  override useConfig(config: MatcherConfig): void {
    this.#latestConfig = config;
    this.#broadcast({ type: 'config', config });
    super.useConfig(config);
  }

  override match(text: string, options: MatchOptions = {}): Promise<MatchDecision> {
    const request: Request = { kind: 'match', text, options };
    return this.#ask<MatchDecision>(request, options.signal);
  }

  /**
   * Read the escalation signals on the threads too (issue 12: a burst of long messages then costs the event
   * loop only the messages). Until this is called, and whenever no thread answers, `source` reads them here.
   */
  readSignalsOnThreads(source: SignalSource): void {
    this.#signals = source;
  }

  /** One turn's signals, read on a thread when `readSignalsOnThreads` was called, else here (paced). */
  readSignals(input: SignalsInput, options: { signal?: AbortSignal | undefined } = {}): Promise<Signals> {
    if (!this.#signals) return Promise.reject(new Error('no signal source: call readSignalsOnThreads first'));
    if (this.#signals.modelText() === undefined) return this.#signalsHere(input, options.signal);
    return this.#ask<Signals>({ kind: 'signals', input, signal: options.signal }, options.signal);
  }

  #ask<Answer>(request: Request, signal: AbortSignal | undefined): Promise<Answer> {
    try {
      throwIfAborted(signal);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (this.#closed || this.readyWorkers === 0) return this.#answerLocally(request) as Promise<Answer>;
    return new Promise<Answer>((resolve, reject) => {
      const id = ++this.#nextId;
      const onAbort = (): void => this.#abandon(id, signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push({
        id,
        request,
        resolve,
        reject,
        release: () => signal?.removeEventListener('abort', onAbort),
      });
      this.#dispatch();
    });
  }

  /** Stops the threads; questions still out are answered here. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0).filter((slot): slot is Slot => slot !== undefined);
    for (const slot of slots) this.#failOver(slot);
    for (const question of this.#waiting.splice(0)) this.#answerHere(question);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** The in-thread path: paced, so a burst of fallbacks still leaves the event loop turns. */
  #matchHere(text: string, options: MatchOptions): Promise<MatchDecision> {
    return this.#fallback.run(() => super.match(text, options), { signal: options.signal });
  }

  #signalsHere(input: SignalsInput, signal: AbortSignal | undefined): Promise<Signals> {
    const source = this.#signals;
    if (!source) return Promise.reject(new Error('no signal source: call readSignalsOnThreads first'));
    return this.#fallback.run(() => source.detect(input), { signal });
  }

  #answerLocally(request: Request): Promise<unknown> {
    return request.kind === 'match'
      ? this.#matchHere(request.text, request.options)
      : this.#signalsHere(request.input, request.signal);
  }

  #answerHere(question: Question): void {
    question.release();
    this.#answerLocally(question.request).then(
      question.resolve as (answer: unknown) => void,
      question.reject,
    );
  }

  #snapshot(): ToWorker {
    const glossary = this.#workerOptions.glossary?.();
    return {
      type: 'rebuild',
      entries: [...this.#current.values()],
      synonyms: [...this.#synonyms],
      ...(glossary ? { glossary } : {}),
    };
  }

  #broadcast(message: ToWorker): void {
    for (const slot of this.#slots) slot?.worker.postMessage(message);
  }

  #start(index: number): Slot {
    const worker = new Worker(new URL('./match-worker-entry.js', import.meta.url), {
      workerData: {
        vectorIndex: this.#workerOptions.vectorIndex,
        matcherConfig: this.#latestConfig ?? this.#workerOptions.matcherConfig,
      } satisfies MatchWorkerData,
    });
    // A server with nothing else to do still exits: the threads do not hold it open.
    worker.unref();
    const slot: Slot = { worker, ready: false, asked: new Map() };
    worker.on('message', (raw: unknown) => {
      const message = FromWorkerSchema.safeParse(raw);
      // A thread that speaks nonsense is ended (its questions fail over), never allowed to throw here.
      if (message.success) this.#receive(slot, message.data);
      else {
        this.#workerOptions.onWorkerError?.(
          new Error(`a match worker sent a bad message: ${message.error.message}`),
        );
        void worker.terminate();
      }
    });
    worker.on('error', (error) => this.#workerOptions.onWorkerError?.(error));
    worker.on('exit', () => this.#restart(index, slot));
    // Built from what this thread holds now; changes after this follow in order. Before the first rebuild
    // there is nothing to send: that rebuild reaches every thread.
    if (this.#built) worker.postMessage(this.#snapshot());
    return slot;
  }

  #restart(index: number, slot: Slot): void {
    if (this.#slots[index] !== slot) return;
    this.#failOver(slot);
    this.#slots[index] = undefined;
    if (this.#closed) return;
    // A thread that dies before it is ready (a bad build) is not restarted in a tight loop.
    const delay = slot.ready ? this.#restartDelayMs : this.#restartDelays[index]!;
    this.#restartDelays[index] = slot.ready ? this.#restartDelayMs : Math.min(delay * 2, 60_000);
    setTimeout(() => {
      if (!this.#closed && this.#slots[index] === undefined) this.#slots[index] = this.#start(index);
    }, delay).unref();
  }

  /** A thread's unanswered questions are matched here, so none is lost. */
  #failOver(slot: Slot): void {
    slot.ready = false;
    for (const question of slot.asked.values()) if (!question.abandoned) this.#answerHere(question);
    slot.asked.clear();
    // Nothing is left to send them to: the waiting questions are answered here too.
    if (this.readyWorkers === 0) for (const question of this.#waiting.splice(0)) this.#answerHere(question);
  }

  #receive(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        for (const done of this.#onReady) done();
        this.#onReady.clear();
        this.#dispatch();
        return;
      case 'index-failed':
        // Its copy may now differ from this one: replace the thread (its questions fail over).
        this.#workerOptions.onWorkerError?.(
          new Error(`match worker index change failed: ${message.message}`),
        );
        void slot.worker.terminate();
        return;
      case 'matched':
      case 'signals-read':
      case 'failed':
      case 'cancelled': {
        const question = slot.asked.get(message.id);
        slot.asked.delete(message.id);
        if (question && !question.abandoned) {
          question.release();
          const resolve = question.resolve as (answer: unknown) => void;
          if (message.type === 'matched') resolve(message.decision);
          else if (message.type === 'signals-read') resolve(message.signals);
          else if (message.type === 'failed') question.reject(new Error(message.message));
        }
        this.#dispatch();
        return;
      }
    }
  }

  /** Sends waiting questions to the least busy ready threads, a few at a time each. */
  #dispatch(): void {
    while (this.#waiting.length > 0) {
      let best: Slot | undefined;
      for (const slot of this.#slots)
        if (
          slot?.ready &&
          slot.asked.size < this.#inFlightPerWorker &&
          (!best || slot.asked.size < best.asked.size)
        )
          best = slot;
      if (!best) return;
      const question = this.#waiting.shift()!;
      best.asked.set(question.id, question);
      best.worker.postMessage(this.#messageFor(best, question));
    }
  }

  #messageFor(slot: Slot, question: Question): ToWorker {
    const { request } = question;
    if (request.kind === 'match')
      return {
        type: 'match',
        id: question.id,
        text: request.text,
        ...(request.options.context ? { context: request.options.context } : {}),
      };
    // The thread reads with the model active now: sent before the first signals after a change.
    const modelText = this.#signals?.modelText() ?? null;
    // (A model without stored text never gets here: readSignals reads those on this thread.)
    if (slot.signalModel !== modelText) {
      slot.worker.postMessage({ type: 'signal-model', modelText } satisfies ToWorker);
      slot.signalModel = modelText;
    }
    return { type: 'signals', id: question.id, input: request.input };
  }

  /** An aborted question is dropped where it waits; one a thread holds is cancelled there and ignored. */
  #abandon(id: number, reason: unknown): void {
    const index = this.#waiting.findIndex((question) => question.id === id);
    if (index >= 0) {
      const [question] = this.#waiting.splice(index, 1);
      question!.release();
      question!.reject(reason);
      return;
    }
    for (const slot of this.#slots) {
      const question = slot?.asked.get(id);
      if (!slot || !question || question.abandoned) continue;
      // Kept in `asked` until the thread answers, so it still counts against the thread's share.
      question.abandoned = true;
      question.release();
      slot.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      question.reject(reason);
    }
  }
}
