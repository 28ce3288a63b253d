import type { AnswerComposer, ComposeRequest, ComposerEvent } from '../../engine/ports.js';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions } from '../../knowledge/ports.js';

/** One step of a scripted answer: an event to yield, a pause, or a failure. */
export type ComposerScriptStep =
  ComposerEvent | { type: 'wait'; ms: number } | { type: 'throw'; error: unknown };

export interface ScriptedAnswerComposer extends AnswerComposer {
  /** Every request composed, in order. */
  readonly calls: readonly ComposeRequest[];
  /** How many events each call handed over before it ended or was stopped. */
  readonly delivered: readonly number[];
}

/**
 * A fake AnswerComposer for engine tests: plays a script (or a script chosen per request), honours
 * the signal during waits and between events, and records what it was asked.
 */
export function createScriptedAnswerComposer(
  script: readonly ComposerScriptStep[] | ((request: ComposeRequest) => readonly ComposerScriptStep[]),
  id = 'scripted',
): ScriptedAnswerComposer {
  const calls: ComposeRequest[] = [];
  const delivered: number[] = [];

  async function* compose(request: ComposeRequest, options: CallOptions): AsyncGenerator<ComposerEvent> {
    const call = calls.push(request) - 1;
    delivered[call] = 0;
    const steps = typeof script === 'function' ? script(request) : script;
    for (const step of steps) {
      throwIfAborted(options.signal);
      if (step.type === 'wait') await wait(step.ms, options.signal);
      else if (step.type === 'throw') throw step.error;
      else {
        delivered[call] = (delivered[call] ?? 0) + 1;
        yield step;
      }
    }
    throwIfAborted(options.signal);
  }

  return { id, calls, delivered, compose };
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort(): void {
      clearTimeout(timer);
      reject(new LivedeskError('aborted', 'the scripted answer was aborted', { cause: signal?.reason }));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Drains a composer into its events, or into the events and the error it ended with. */
export async function collectEvents(
  stream: AsyncIterable<ComposerEvent>,
): Promise<{ events: ComposerEvent[]; error: unknown; text: string }> {
  const events: ComposerEvent[] = [];
  let error: unknown;
  try {
    for await (const event of stream) events.push(event);
  } catch (caught) {
    error = caught;
  }
  const text = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
  return { events, error, text };
}
