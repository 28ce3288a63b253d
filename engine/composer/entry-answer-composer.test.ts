import { describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import { composeRequest, TOP_UP_ENTRY } from '../../test/support/compose-request-fixtures.js';
import { collectEvents } from '../../test/support/scripted-answer-composer.js';
import { createEntryAnswerComposer, splitIntoSentences } from './entry-answer-composer.js';

describe('the entry answer composer', () => {
  const composer = createEntryAnswerComposer();

  it('says the best entry’s answer as written, in a few sentence deltas, citing it', async () => {
    const { events, text } = await collectEvents(composer.compose(composeRequest(), {}));
    expect(text).toBe(TOP_UP_ENTRY.translations.en?.answer);
    expect(events).toEqual([
      { type: 'text-delta', text: 'Go to Me > Wallet > Top Up, pick a coin package and a payment method. ' },
      { type: 'text-delta', text: 'The coins arrive right after payment.' },
      { type: 'citations', entryIds: ['coins.top-up'] },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('answers in Chinese for a Chinese viewer', async () => {
    const { text, events } = await collectEvents(composer.compose(composeRequest({ locale: 'zh-CN' }), {}));
    expect(text).toBe(TOP_UP_ENTRY.answer);
    expect(events.filter((event) => event.type === 'text-delta')).toHaveLength(2);
  });

  it('throws not_found without an entry', async () => {
    const { error } = await collectEvents(composer.compose(composeRequest({ entries: [] }), {}));
    expect(error).toMatchObject({ code: 'not_found' });
  });

  it('stops with an abort error once the signal fires, between sentences', async () => {
    const controller = new AbortController();
    const events: unknown[] = [];
    const error = await (async () => {
      for await (const event of composer.compose(composeRequest(), { signal: controller.signal })) {
        events.push(event);
        controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LivedeskError);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(events).toHaveLength(1);
  });

  it('throws at once for a signal that already fired', async () => {
    const { error, events } = await collectEvents(
      composer.compose(composeRequest(), { signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ code: 'aborted' });
    expect(events).toEqual([]);
  });
});

describe('splitIntoSentences', () => {
  it.each([
    ['一句。两句！三句？', ['一句。', '两句！', '三句？']],
    ['Costs 1.5 yuan. v2.0 is out!', ['Costs 1.5 yuan. ', 'v2.0 is out!']],
    ['line one\nline two', ['line one\n', 'line two']],
    ['Wait... what?!', ['Wait... ', 'what?!']],
    ['no end', ['no end']],
    ['', []],
  ])('splits %j', (text, expected) => {
    expect(splitIntoSentences(text)).toEqual(expected);
    expect(splitIntoSentences(text).join('')).toBe(text);
  });
});
