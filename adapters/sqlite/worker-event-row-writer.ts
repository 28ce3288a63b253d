import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import { INSERT_EVENT_SQL, NEXT_SEQUENCE_SQL, type EventRowWriter } from './event-rows.js';

const ReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('written'), id: z.number(), sequences: z.array(z.number()) }),
  z.object({ type: z.literal('failed'), id: z.number(), code: z.string() }),
  z.object({ type: z.literal('closed') }),
]);

export interface WorkerEventRowWriterOptions {
  /** The SQLite file, already migrated by the caller's connection. */
  path: string;
  synchronous: 'full' | 'normal';
}

/**
 * Commits conversation events on a thread of its own. A busy server spends more time committing its
 * event log than answering (every FAQ turn stores five rows); off the event loop, those commits no longer
 * delay the next viewer's answer. An append still resolves only after its transaction is committed, so
 * "committed before acknowledged" holds exactly as with the inline writer.
 */
export function createWorkerEventRowWriter(options: WorkerEventRowWriterOptions): EventRowWriter {
  const worker = new Worker(new URL('./event-log-writer-worker.js', import.meta.url), {
    workerData: {
      path: options.path,
      synchronous: options.synchronous,
      nextSequenceSql: NEXT_SEQUENCE_SQL,
      insertSql: INSERT_EVENT_SQL,
    },
  });
  const waiting = new Map<
    number,
    { resolve: (sequences: number[]) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  let failure: Error | undefined;
  let closed: Promise<void> | undefined;
  let onClosed = (): void => undefined;

  const failAll = (error: Error): void => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (raw: unknown) => {
    const reply = ReplySchema.parse(raw);
    if (reply.type === 'closed') return onClosed();
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.type === 'written') entry?.resolve(reply.sequences);
    else entry?.reject(errorFor(reply.code));
  });
  worker.on('error', (error) =>
    failAll(new LivedeskError('unavailable', 'the event log writer stopped', { cause: error })),
  );
  worker.on('exit', () => failAll(new LivedeskError('unavailable', 'the event log writer has exited')));

  return {
    write(rows) {
      if (closed) return Promise.reject(new LivedeskError('unavailable', 'the event log is closed'));
      if (failure) return Promise.reject(failure);
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'write', id, rows });
      });
    },
    close() {
      closed ??= (async () => {
        if (failure) return;
        const done = new Promise<void>((resolve) => (onClosed = resolve));
        worker.postMessage({ type: 'close' });
        await done;
        await worker.terminate();
      })();
      return closed;
    },
  };
}

/** The same mapping as `mapSqliteError`, from the code the thread could send across. */
function errorFor(code: string): LivedeskError {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new LivedeskError('unavailable', 'the database is busy; try again', { retryable: true });
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new LivedeskError('conflict', 'the change conflicts with stored data');
  return new LivedeskError('unavailable', `the event could not be stored (${code})`);
}
