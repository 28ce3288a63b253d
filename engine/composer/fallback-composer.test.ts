import { describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import { composeRequest, TOP_UP_ENTRY } from '../../test/support/compose-request-fixtures.js';
import { collectEvents, createScriptedAnswerComposer } from '../../test/support/scripted-answer-composer.js';
import type { FallbackEvent } from './fallback-composer.js';
import { createFallbackComposer } from './fallback-composer.js';

const entryAnswer = TOP_UP_ENTRY.translations.en?.answer ?? '';
const outage = new LivedeskError('unavailable', 'the chat endpoint failed (HTTP 500)', { retryable: true });

describe('the fallback composer', () => {
  it('is the entry composer when no LLM is configured', async () => {
    const composer = createFallbackComposer();
    expect(composer.id).toBe('entry-answer');
    const { text, events } = await collectEvents(composer.compose(composeRequest(), {}));
    expect(text).toBe(entryAnswer);
    expect(events.at(-2)).toEqual({ type: 'citations', entryIds: ['coins.top-up'] });
  });

  it('passes the LLM answer through untouched when it works', async () => {
    const primary = createScriptedAnswerComposer([
      { type: 'text-delta', text: 'Top up ' },
      { type: 'text-delta', text: 'in the wallet.' },
      { type: 'citations', entryIds: ['coins.top-up'] },
      { type: 'finish', reason: 'stop' },
    ]);
    const composer = createFallbackComposer({ primary });
    expect(composer.id).toBe('scripted+fallback:entry-answer');
    const { events, error } = await collectEvents(composer.compose(composeRequest(), {}));
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'text-delta', text: 'Top up ' },
      { type: 'text-delta', text: 'in the wallet.' },
      { type: 'citations', entryIds: ['coins.top-up'] },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('sends the entry answer as is when the LLM fails before any text, and says so', async () => {
    const seen: FallbackEvent[] = [];
    const primary = createScriptedAnswerComposer([
      { type: 'wait', ms: 5 },
      { type: 'throw', error: outage },
    ]);
    const composer = createFallbackComposer({ primary, onFallback: (event) => seen.push(event) });
    const { text, events, error } = await collectEvents(composer.compose(composeRequest(), {}));
    expect(error).toBeUndefined();
    expect(text).toBe(entryAnswer);
    expect(events.slice(-2)).toEqual([
      { type: 'citations', entryIds: ['coins.top-up'] },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(seen).toEqual([{ primaryId: 'scripted', error: outage }]);
  });

  it('replaces an LLM answer that finished without any text, dropping its citations', async () => {
    const primary = createScriptedAnswerComposer([
      { type: 'text-delta', text: '' },
      { type: 'citations', entryIds: ['refund.policy'] },
      { type: 'finish', reason: 'stop' },
    ]);
    const { events } = await collectEvents(createFallbackComposer({ primary }).compose(composeRequest(), {}));
    expect(events.filter((event) => event.type === 'citations')).toEqual([
      { type: 'citations', entryIds: ['coins.top-up'] },
    ]);
  });

  it('ends with an error event, not a second answer, when the LLM fails after some text', async () => {
    const primary = createScriptedAnswerComposer([
      { type: 'text-delta', text: 'Go to Me > ' },
      { type: 'throw', error: outage },
    ]);
    const { events, error } = await collectEvents(
      createFallbackComposer({ primary }).compose(composeRequest(), {}),
    );
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'text-delta', text: 'Go to Me > ' },
      { type: 'error', error: outage, deliveredText: 'Go to Me > ' },
    ]);
  });

  it('wraps a non-Livedesk failure after text in an internal error', async () => {
    const primary = createScriptedAnswerComposer([
      { type: 'text-delta', text: 'Hi' },
      { type: 'throw', error: new RangeError('bug') },
    ]);
    const { events } = await collectEvents(createFallbackComposer({ primary }).compose(composeRequest(), {}));
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'internal' }, deliveredText: 'Hi' });
  });

  it('treats an error event from the primary like a thrown error', async () => {
    const early = createScriptedAnswerComposer([{ type: 'error', error: outage, deliveredText: '' }]);
    expect(
      (await collectEvents(createFallbackComposer({ primary: early }).compose(composeRequest(), {}))).text,
    ).toBe(entryAnswer);
    const late = createScriptedAnswerComposer([
      { type: 'text-delta', text: 'Hi' },
      { type: 'error', error: outage, deliveredText: 'Hi' },
      { type: 'text-delta', text: 'never' },
    ]);
    const { events } = await collectEvents(
      createFallbackComposer({ primary: late }).compose(composeRequest(), {}),
    );
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'error']);
  });

  it('never falls back on an abort: the abort is thrown', async () => {
    const controller = new AbortController();
    const primary = createScriptedAnswerComposer([{ type: 'wait', ms: 1_000 }]);
    const composer = createFallbackComposer({ primary, onFallback: () => expect.unreachable() });
    setTimeout(() => controller.abort(), 5);
    const { events, error } = await collectEvents(
      composer.compose(composeRequest(), { signal: controller.signal }),
    );
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(LivedeskError);
    expect(error).toMatchObject({ code: 'aborted' });
  });

  it('calls an abort an abort even when the primary throws something else after it', async () => {
    const controller = new AbortController();
    controller.abort();
    const primary = createScriptedAnswerComposer([{ type: 'throw', error: outage }]);
    const { error } = await collectEvents(
      createFallbackComposer({ primary }).compose(composeRequest(), { signal: controller.signal }),
    );
    expect(error).toMatchObject({ code: 'aborted' });
  });

  it('throws the LLM’s error when there is no entry to fall back on', async () => {
    const primary = createScriptedAnswerComposer([{ type: 'throw', error: outage }]);
    const { error, events } = await collectEvents(
      createFallbackComposer({ primary }).compose(composeRequest({ entries: [] }), {}),
    );
    expect(events).toEqual([]);
    expect(error).toBe(outage);
  });

  it('stops the primary when the consumer stops reading', async () => {
    const primary = createScriptedAnswerComposer([
      { type: 'text-delta', text: 'one' },
      { type: 'text-delta', text: 'two' },
    ]);
    for await (const event of createFallbackComposer({ primary }).compose(composeRequest(), {})) {
      expect(event).toEqual({ type: 'text-delta', text: 'one' });
      break;
    }
    expect(primary.delivered).toEqual([1]);
  });
});
