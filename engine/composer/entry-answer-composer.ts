import { answerFor } from '../../knowledge/entry.js';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions } from '../../knowledge/ports.js';
import type { AnswerComposer, ComposeRequest, ComposerEvent } from '../ports.js';

/**
 * The composer used without an LLM (and as the fallback when the LLM fails): the best entry's
 * answer as written, in the viewer's language when the entry has it, cut at sentence ends into a
 * few deltas so speech can start on the first sentence. Cites that one entry. Throws `not_found`
 * when the request carries no entry: there is nothing to say as is.
 */
export function createEntryAnswerComposer(): AnswerComposer {
  return {
    id: 'entry-answer',
    compose: (request: ComposeRequest, options: CallOptions) =>
      asAsync(entryAnswerEvents(request, options.signal)),
  };
}

/** Lazy, so the signal is checked before each event the consumer pulls. */
function* entryAnswerEvents(
  request: ComposeRequest,
  signal: AbortSignal | undefined,
): Generator<ComposerEvent> {
  throwIfAborted(signal);
  const best = request.entries[0];
  if (best === undefined) throw new LivedeskError('not_found', 'no entry to answer from');
  for (const sentence of splitIntoSentences(answerFor(best.entry, request.locale).answer)) {
    yield { type: 'text-delta', text: sentence };
    throwIfAborted(signal);
  }
  yield { type: 'citations', entryIds: [best.entry.id] };
  yield { type: 'finish', reason: 'stop' };
}

// eslint-disable-next-line @typescript-eslint/require-await -- a synchronous source behind the async port
async function* asAsync<T>(events: Iterable<T>): AsyncGenerator<T> {
  yield* events;
}

/**
 * Sentences with the whitespace that follows them, so joining them gives the text back exactly.
 * Ends: 。！？；!? and line breaks, and '.' before whitespace or the end (not in "1.5" or "v2.0").
 */
export function splitIntoSentences(text: string): string[] {
  const enders = '。！？；!?\n';
  const sentences: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    const next = text[index + 1];
    const ends =
      enders.includes(character) || (character === '.' && (next === undefined || /\s/u.test(next)));
    if (!ends) continue;
    let end = index + 1;
    while (end < text.length && (enders.includes(text[end] ?? '') || text[end] === '.')) end++;
    while (end < text.length && /\s/u.test(text[end] ?? '')) end++;
    sentences.push(text.slice(start, end));
    start = end;
    index = end - 1;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences;
}
