import { LivedeskError, throwIfAborted } from '../../../knowledge/errors.js';
import { LruCache } from '../../../knowledge/lru-cache.js';
import type { EscalationJudge, EscalationVerdict, JudgeOptions } from '../../ports.js';

/** One request several callers wait on; it is closed when the last of them stops waiting. */
interface InFlight {
  verdict: Promise<EscalationVerdict>;
  controller: AbortController;
  waiting: number;
}

/**
 * An EscalationJudge that asks once per distinct message: a verdict is remembered (LRU), and callers who
 * send the same words while it is being judged share the one request (in a spike a crowd sends one line
 * at once). Failures are not remembered, so the next message tries again. Calls with a history are
 * passed through: their verdict belongs to one conversation, not to the words.
 */
export function createCachedEscalationJudge(
  inner: EscalationJudge,
  options: { capacity: number },
): EscalationJudge {
  const verdicts = new LruCache<string, EscalationVerdict>(options.capacity);
  const inFlight = new Map<string, InFlight>();

  const start = (key: string, text: string, judgeOptions: JudgeOptions): InFlight => {
    const controller = new AbortController();
    const entry: InFlight = {
      controller,
      waiting: 0,
      // Through a promise so that a judge that throws at once fails this call, not the caller's code.
      verdict: new Promise<EscalationVerdict>((resolve) =>
        resolve(inner.judge(text, { ...judgeOptions, signal: controller.signal })),
      ).then((verdict) => {
        verdicts.set(key, verdict);
        return verdict;
      }),
    };
    const forget = () => {
      if (inFlight.get(key) === entry) inFlight.delete(key);
    };
    entry.verdict.then(forget, forget);
    inFlight.set(key, entry);
    return entry;
  };

  return {
    judge(text, judgeOptions) {
      if ((judgeOptions.history?.length ?? 0) > 0) return inner.judge(text, judgeOptions);
      const { signal } = judgeOptions;
      throwIfAborted(signal);
      const key = `${judgeOptions.language ?? ''}\u0000${text}`;
      const known = verdicts.get(key);
      if (known) return Promise.resolve(known);
      const entry = inFlight.get(key) ?? start(key, text, judgeOptions);
      entry.waiting += 1;
      return new Promise<EscalationVerdict>((resolve, reject) => {
        let waiting = true;
        // Whichever comes first, the verdict or the caller's abort, ends this caller's wait; once.
        const stopWaiting = (): boolean => {
          if (!waiting) return false;
          waiting = false;
          signal.removeEventListener('abort', onAbort);
          entry.waiting -= 1;
          return true;
        };
        function onAbort(): void {
          if (!stopWaiting()) return;
          // Nobody waits any more: close the request rather than let it run for a cache nobody asked for.
          if (entry.waiting === 0) {
            entry.controller.abort(signal.reason);
            if (inFlight.get(key) === entry) inFlight.delete(key);
          }
          reject(new LivedeskError('aborted', 'the judgement was aborted', { cause: signal.reason }));
        }
        signal.addEventListener('abort', onAbort, { once: true });
        entry.verdict.then(
          (verdict) => {
            if (stopWaiting()) resolve(verdict);
          },
          (error: unknown) => {
            if (stopWaiting())
              reject(error instanceof Error ? error : new LivedeskError('internal', String(error)));
          },
        );
      });
    },
  };
}
