import { isAbortError, LivedeskError } from '../../knowledge/errors.js';
import type { CallOptions } from '../../knowledge/ports.js';
import type { AnswerComposer, ComposeRequest, ComposerEvent } from '../ports.js';
import { createEntryAnswerComposer } from './entry-answer-composer.js';

export interface FallbackEvent {
  primaryId: string;
  error: LivedeskError;
}

export interface FallbackComposerOptions {
  /** The LLM composer; absent when none is configured, and then every answer is the fallback's. */
  primary?: AnswerComposer | undefined;
  /** Default: the entry's answer as written (createEntryAnswerComposer). */
  fallback?: AnswerComposer;
  /** Told each time the fallback steps in, e.g. to log or count it (no viewer text in the event). */
  onFallback?: (event: FallbackEvent) => void;
}

/**
 * An AnswerComposer that never leaves the viewer without a reply when an entry matched:
 * - no primary: the fallback answers;
 * - the primary fails or times out BEFORE any text was delivered, or finishes without text: the
 *   fallback answers instead, and the viewer sees only its answer (citations and finish that
 *   came before any text are dropped);
 * - the primary fails AFTER some text was delivered: the stream ends with
 *   `{ type: 'error', error, deliveredText }` instead of throwing, because the delivered words
 *   cannot be taken back; the consumer decides what to add (an apology, the entry, a person) and
 *   ends the turn with reason 'error'. No citations or finish follow that event;
 * - an abort (the caller's signal, barge-in) is thrown as LivedeskError 'aborted', never replaced.
 * If the fallback cannot answer either (no entries), the primary's error is thrown.
 */
export function createFallbackComposer(options: FallbackComposerOptions = {}): AnswerComposer {
  const fallback = options.fallback ?? createEntryAnswerComposer();
  const { primary, onFallback } = options;
  if (primary === undefined) return fallback;

  async function* compose(request: ComposeRequest, callOptions: CallOptions): AsyncGenerator<ComposerEvent> {
    const { signal } = callOptions;
    let deliveredText = '';
    const heldBack: ComposerEvent[] = [];
    let failure: LivedeskError;
    try {
      for await (const event of primary!.compose(request, callOptions)) {
        switch (event.type) {
          case 'text-delta':
            if (event.text === '') break;
            yield* heldBack.splice(0);
            deliveredText += event.text;
            yield event;
            break;
          case 'citations':
          case 'finish':
            if (deliveredText === '') heldBack.push(event);
            else yield event;
            break;
          case 'error':
            if (deliveredText !== '') {
              yield event;
              return;
            }
            throw event.error;
          default:
            assertNever(event);
        }
      }
      if (deliveredText !== '') return;
      failure = new LivedeskError('unavailable', `the composer ${primary!.id} finished without any text`);
    } catch (error) {
      if (signal?.aborted === true) {
        throw new LivedeskError('aborted', 'the answer was aborted', { cause: signal.reason });
      }
      if (isAbortError(error)) throw asLivedeskError(error, 'aborted');
      failure = asLivedeskError(error, 'internal');
      if (deliveredText !== '') {
        yield { type: 'error', error: failure, deliveredText };
        return;
      }
    }
    onFallback?.({ primaryId: primary!.id, error: failure });
    try {
      yield* fallback.compose(request, callOptions);
    } catch (error) {
      if (signal?.aborted === true || isAbortError(error)) throw asLivedeskError(error, 'aborted');
      throw failure;
    }
  }

  return { id: `${primary.id}+fallback:${fallback.id}`, compose };
}

function asLivedeskError(error: unknown, code: 'aborted' | 'internal'): LivedeskError {
  if (error instanceof LivedeskError) return error;
  return new LivedeskError(code, code === 'aborted' ? 'the answer was aborted' : 'the composer failed', {
    cause: error,
  });
}

function assertNever(event: never): never {
  throw new LivedeskError('internal', `unknown composer event ${JSON.stringify(event)}`);
}
