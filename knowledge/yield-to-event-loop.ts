import { setImmediate } from 'node:timers/promises';

/**
 * The builtin embedder and matcher resolve without real I/O, so an `await` alone never lets a server's
 * requests in: a report or a classifier training of seconds would freeze every viewer. Called between
 * units of work.
 */
export function yieldToEventLoop(): Promise<void> {
  return setImmediate();
}
