import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGroundedPrompt } from '../../engine/composer/grounded-prompt.js';
import { createFallbackComposer } from '../../engine/composer/fallback-composer.js';
import type { ComposeRequest, ComposerEvent } from '../../engine/ports.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { runAnswerComposerContract } from '../../test/support/answer-composer.contract.js';
import { composeRequest, TOP_UP_ENTRY } from '../../test/support/compose-request-fixtures.js';
import {
  echoLastUserMessage,
  messageText,
  startOpenAICompatibleServer,
} from '../../test/support/openai-compatible-server.js';
import type { ChatCompletionRequest } from '../../test/support/openai-compatible-server.js';
import type {
  OpenAICompatibleServer,
  ScriptedChatReply,
} from '../../test/support/openai-compatible-server.js';
import { collectEvents } from '../../test/support/scripted-answer-composer.js';
import type { OpenAIAnswerComposerOptions } from './openai-answer-composer.js';
import { createOpenAIAnswerComposer } from './openai-answer-composer.js';

const API_KEY = 'sk-test-composer-0123456789';
const CANARY = 'ldctest0123456789abcdef';
/** Typically under 1 ms on loopback; the bound leaves room for a loaded test machine. */
const CLOSE_BOUND_MS = 50;

describe('createOpenAIAnswerComposer against a local OpenAI-compatible server', () => {
  let server: OpenAICompatibleServer;

  beforeEach(async () => {
    server = await startOpenAICompatibleServer({ apiKey: API_KEY });
  });

  afterEach(async () => {
    await server.close();
  });

  function composerWith(options: Partial<OpenAIAnswerComposerOptions> = {}) {
    return createOpenAIAnswerComposer({
      baseURL: server.baseURL,
      apiKey: API_KEY,
      model: 'qwen-plus',
      timeoutMs: 5_000,
      firstTokenTimeoutMs: 2_000,
      maxRetries: 2,
      retryBaseDelayMs: 5,
      canary: CANARY,
      // These tests time the raw stream; the leak filter's own tests are in 'the output filter' below.
      filterOutput: false,
      ...options,
    });
  }

  async function compose(reply: ScriptedChatReply, request: ComposeRequest = composeRequest(), options = {}) {
    server.chat.enqueue(reply);
    return collectEvents(composerWith(options).compose(request, {}));
  }

  function textDeltas(events: readonly ComposerEvent[]): string[] {
    return events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
  }

  describe('streaming', () => {
    it('yields text as tokens arrive, then citations and finish', async () => {
      server.chat.enqueue({
        tokens: ['Go to ', 'Me > Wallet ', '> Top Up.', '\n[[sources: coins.top-up]]'],
        firstTokenDelayMs: 20,
        tokenDelayMs: 40,
      });
      const started = performance.now();
      const arrivals: { event: ComposerEvent; at: number }[] = [];
      for await (const event of composerWith().compose(composeRequest(), {})) {
        arrivals.push({ event, at: performance.now() - started });
      }
      expect(arrivals.map(({ event }) => event)).toEqual([
        { type: 'text-delta', text: 'Go to' },
        { type: 'text-delta', text: ' Me > Wallet' },
        { type: 'text-delta', text: ' > Top Up.' },
        { type: 'citations', entryIds: ['coins.top-up'] },
        { type: 'finish', reason: 'stop' },
      ]);
      // The first words reach the caller long before the answer is complete.
      const [first, , third] = arrivals;
      expect((third?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(70);
    });

    it('sends the grounded prompt, the model and the limits, with the key as a bearer token', async () => {
      const request = composeRequest();
      await compose({ content: 'ok [[sources: none]]' }, request, { temperature: 0.1, maxTokens: 123 });
      const [recorded] = server.chat.requests;
      expect(recorded?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(recorded?.body).toEqual({
        model: 'qwen-plus',
        messages: buildGroundedPrompt(request, { canary: CANARY }),
        stream: true,
        temperature: 0.1,
        max_tokens: 123,
      });
    });

    it('sends no Authorization header without an API key', async () => {
      const open = await startOpenAICompatibleServer();
      try {
        const composer = createOpenAIAnswerComposer({
          baseURL: open.baseURL,
          model: 'llama3',
          timeoutMs: 1_000,
          firstTokenTimeoutMs: 1_000,
          maxRetries: 0,
        });
        const { text } = await collectEvents(composer.compose(composeRequest(), {}));
        expect(text).toBe('ok');
        expect(open.chat.requests[0]?.headers.authorization).toBeUndefined();
      } finally {
        await open.close();
      }
    });

    it('streams a Chinese answer character by character', async () => {
      const { events, text } = await compose(
        { content: '打开 我的 > 钱包 > 充值 即可。\n[[sources: coins.top-up]]', tokenDelayMs: 1 },
        composeRequest({ locale: 'zh', question: '怎么充值金币？' }),
      );
      expect(text).toBe('打开 我的 > 钱包 > 充值 即可。');
      expect(textDeltas(events).length).toBeGreaterThan(10);
      expect(events.at(-2)).toEqual({ type: 'citations', entryIds: ['coins.top-up'] });
    });

    it('takes out a citation trailer split across chunks and keeps only ids it was given', async () => {
      const { events, text } = await compose({
        tokens: [
          'Refunds take ',
          '7 days.',
          '\n[',
          '[sour',
          'ces: refund.pol',
          'icy, admin.pa',
          'sswords]',
          ']',
        ],
      });
      expect(text).toBe('Refunds take 7 days.');
      expect(events.at(-2)).toEqual({ type: 'citations', entryIds: ['refund.policy'] });
      expect(textDeltas(events).join('')).not.toContain('[');
    });

    it('reports finish reason length and cites nothing when the trailer was cut off', async () => {
      const { events, text } = await compose({
        tokens: ['Go to the wallet.', '\n[[sources: coi'],
        finishReason: 'length',
      });
      expect(text).toBe('Go to the wallet.');
      expect(events.slice(-2)).toEqual([
        { type: 'citations', entryIds: [] },
        { type: 'finish', reason: 'length' },
      ]);
    });
  });

  describe('abort', () => {
    it('closes the HTTP stream at once when aborted mid-stream, and yields nothing more', async () => {
      server.chat.enqueue({ content: 'one two three four five six seven eight nine ten', tokenDelayMs: 25 });
      const controller = new AbortController();
      const deltas: string[] = [];
      let abortedAt = 0;
      const error = await (async () => {
        for await (const event of composerWith().compose(composeRequest(), { signal: controller.signal })) {
          if (event.type === 'text-delta') deltas.push(event.text);
          if (deltas.length === 2 && abortedAt === 0) {
            abortedAt = performance.now();
            controller.abort();
          }
        }
      })().catch((caught: unknown) => caught);
      const record = await server.chat.closed(0);
      expect(error).toBeInstanceOf(LivedeskError);
      expect(error).toMatchObject({ code: 'aborted' });
      expect(deltas).toEqual(['one', ' two']);
      expect(record.clientClosedEarly).toBe(true);
      expect((record.closedAt ?? Infinity) - abortedAt).toBeLessThan(CLOSE_BOUND_MS);
      expect(record.chat?.contentChunksSent).toBeLessThan(5);
    });

    it('closes the stream even while the caller is not reading, and the next read throws', async () => {
      server.chat.enqueue({ content: 'one two three four five', tokenDelayMs: 20 });
      const controller = new AbortController();
      const iterator = composerWith()
        .compose(composeRequest(), { signal: controller.signal })
        [Symbol.asyncIterator]();
      expect(await iterator.next()).toEqual({ done: false, value: { type: 'text-delta', text: 'one' } });
      const abortedAt = performance.now();
      controller.abort();
      const record = await server.chat.closed(0);
      expect(record.clientClosedEarly).toBe(true);
      expect((record.closedAt ?? Infinity) - abortedAt).toBeLessThan(CLOSE_BOUND_MS);
      await expect(iterator.next()).rejects.toMatchObject({ code: 'aborted' });
    });

    it('closes the request while waiting for the first token', async () => {
      server.chat.enqueue({ content: 'late', firstTokenDelayMs: 1_000 });
      const controller = new AbortController();
      void server.chat.arrived(0).then(() => setTimeout(() => controller.abort(), 10));
      const { error, events } = await collectEvents(
        composerWith().compose(composeRequest(), { signal: controller.signal }),
      );
      expect(error).toMatchObject({ code: 'aborted' });
      expect(events).toEqual([]);
      expect((await server.chat.closed(0)).clientClosedEarly).toBe(true);
    });

    it('closes the stream when the caller stops reading', async () => {
      server.chat.enqueue({ content: 'one two three four', tokenDelayMs: 20 });
      for await (const event of composerWith().compose(composeRequest(), {})) {
        expect(event.type).toBe('text-delta');
        break;
      }
      expect((await server.chat.closed(0)).clientClosedEarly).toBe(true);
    });

    it('throws at once for a signal that already fired, without a request', async () => {
      const { error } = await collectEvents(
        composerWith().compose(composeRequest(), { signal: AbortSignal.abort() }),
      );
      expect(error).toMatchObject({ code: 'aborted' });
      expect(server.chat.requests).toHaveLength(0);
    });

    it('cuts a retry wait short', async () => {
      server.chat.enqueue({ failure: { kind: 'status', status: 429, retryAfterMs: 5_000 } });
      const controller = new AbortController();
      let started = 0;
      void server.chat.arrived(0).then(() =>
        setTimeout(() => {
          started = performance.now();
          controller.abort();
        }, 20),
      );
      const { error } = await collectEvents(
        composerWith({ firstTokenTimeoutMs: 10_000, timeoutMs: 20_000 }).compose(composeRequest(), {
          signal: controller.signal,
        }),
      );
      expect(error).toMatchObject({ code: 'aborted' });
      expect(performance.now() - started).toBeLessThan(500);
      expect(server.chat.requests).toHaveLength(1);
    });
  });

  describe('timeouts', () => {
    it('gives up when no token arrives within firstTokenTimeoutMs, and closes the request', async () => {
      const started = performance.now();
      const { error, events } = await compose(
        { content: 'too late', firstTokenDelayMs: 5_000 },
        composeRequest(),
        { firstTokenTimeoutMs: 300 },
      );
      const elapsed = performance.now() - started;
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(LivedeskError);
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect((error as Error).message).toContain('sent no text within 300 ms');
      expect(elapsed).toBeGreaterThanOrEqual(295);
      expect(elapsed).toBeLessThan(2_000);
      expect((await server.chat.closed(0)).clientClosedEarly).toBe(true);
    });

    it('counts headers that come late against the first-token bound too', async () => {
      const { error } = await compose({ content: 'x', headersDelayMs: 2_000 }, composeRequest(), {
        firstTokenTimeoutMs: 80,
      });
      expect(error).toMatchObject({ code: 'timeout' });
    });

    it('gives up when the whole answer takes longer than timeoutMs, after some text', async () => {
      const { error, events } = await compose(
        { content: 'a b c d e f g h i j k l', tokenDelayMs: 80 },
        composeRequest(),
        { timeoutMs: 400, firstTokenTimeoutMs: 400 },
      );
      expect(textDeltas(events).length).toBeGreaterThan(0);
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect((error as Error).message).toContain('did not finish its answer within 400 ms');
    });
  });

  describe('failures', () => {
    it('retries a 429 after its retry-after and then streams the answer', async () => {
      server.chat.enqueue({ failure: { kind: 'status', status: 429, retryAfterMs: 20 } });
      const { text, error } = await compose({ content: 'Here you go. [[sources: coins.top-up]]' });
      expect(error).toBeUndefined();
      expect(text).toBe('Here you go.');
      expect(server.chat.requests).toHaveLength(2);
    });

    it('does not wait for a retry-after that ends past the first-token bound', async () => {
      server.chat.enqueue({ failure: { kind: 'status', status: 429, retryAfterSeconds: 30 } });
      const started = performance.now();
      const { error } = await collectEvents(composerWith().compose(composeRequest(), {}));
      expect(performance.now() - started).toBeLessThan(500);
      expect(error).toMatchObject({ code: 'unavailable', retryable: true });
      expect((error as Error).message).toContain('rate limiting');
      expect(server.chat.requests).toHaveLength(1);
    });

    it('reports a 500 that outlasts the retries as retryable, without the vendor’s text', async () => {
      const failure = { kind: 'status', status: 500, message: 'internal trace: db=prod-7 secret' } as const;
      server.chat.enqueue({ failure }, { failure }, { failure });
      const { error } = await collectEvents(composerWith({ maxRetries: 2 }).compose(composeRequest(), {}));
      expect(error).toMatchObject({ code: 'unavailable', retryable: true });
      expect((error as Error).message).toContain('HTTP 500');
      expect((error as Error).message).not.toContain('secret');
      expect(server.chat.requests).toHaveLength(3);
    });

    it('does not retry a 400', async () => {
      const { error } = await compose({ failure: { kind: 'status', status: 400 } });
      expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
      expect(server.chat.requests).toHaveLength(1);
    });

    it('keeps a refused key out of the message and the cause', async () => {
      const wrongKey = 'sk-wrong-key-that-must-not-leak';
      const { error } = await collectEvents(composerWith({ apiKey: wrongKey }).compose(composeRequest(), {}));
      expect(error).toMatchObject({ code: 'unavailable', retryable: false });
      expect((error as Error).message).toContain('check apiKey');
      expect(
        JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause) }),
      ).not.toContain(wrongKey);
    });

    it.each([
      ['malformed-chunk', 'not valid JSON', false],
      ['invalid-chunk', 'not a chat completion chunk', false],
      ['error-chunk', 'reported an error', true],
      ['drop', 'broke off', true],
      ['end-early', 'without a finish reason', true],
    ] as const)('fails on a %s mid-stream after the text before it', async (kind, fragment, retryable) => {
      const { error, events } = await compose({
        tokens: ['one ', 'two ', 'three'],
        failure: { kind, afterTokens: 2 },
      });
      expect(textDeltas(events).join('')).toBe('one two');
      expect(error).toBeInstanceOf(LivedeskError);
      expect(error).toMatchObject({ code: 'unavailable', retryable });
      expect((error as Error).message).toContain(fragment);
      expect(server.chat.requests).toHaveLength(1);
    });

    it('fails when the model stops on a content filter', async () => {
      const { error } = await compose({ content: 'Some', finishReason: 'content_filter' });
      expect(error).toMatchObject({ code: 'unavailable' });
      expect((error as Error).message).toContain('content filter');
    });

    it('refuses nonsense options', () => {
      expect(() => composerWith({ firstTokenTimeoutMs: 0 })).toThrow(LivedeskError);
      expect(() => composerWith({ baseURL: 'not a url' })).toThrow(LivedeskError);
    });
  });

  describe('the output filter (on by default)', () => {
    const entryAnswer = TOP_UP_ENTRY.translations.en?.answer ?? '';
    const filtered = (options: Partial<OpenAIAnswerComposerOptions> = {}) =>
      composerWith({ filterOutput: true, maxRetries: 0, ...options });
    const echoSystemPrompt = () =>
      server.chat.respondWith((sent) => ({
        content: sent.messages[0] === undefined ? '' : messageText(sent.messages[0]),
        tokenDelayMs: 5,
      }));

    it('stops a model that echoes its system prompt before the canary or any rule is sent', async () => {
      echoSystemPrompt();
      const blocked: string[] = [];
      const { events, error, text } = await collectEvents(
        filtered({ onOutputBlocked: (kind) => blocked.push(kind) }).compose(composeRequest(), {}),
      );
      expect(error).toMatchObject({ code: 'unavailable' });
      expect(text).not.toContain(CANARY);
      expect(text).toBe('');
      expect(events.some((event) => event.type === 'citations')).toBe(false);
      expect(blocked).toEqual(['canary']);
      expect((await server.chat.closed(0)).clientClosedEarly).toBe(true);
    });

    it('plants a fresh random canary per composer when none is given', async () => {
      server.chat.respondWith(() => ({ content: 'ok' }));
      await collectEvents(filtered({ canary: undefined }).compose(composeRequest(), {}));
      await collectEvents(filtered({ canary: undefined }).compose(composeRequest(), {}));
      const systems = server.chat.requests.map((request) =>
        messageText((request.body as ChatCompletionRequest).messages[0]!),
      );
      const canaries = systems.map((system) => /marker: (\w+)/u.exec(system)?.[1]);
      expect(canaries[0]).toMatch(/^ldc[0-9a-f]{18}$/u);
      expect(canaries[1]).toMatch(/^ldc[0-9a-f]{18}$/u);
      expect(canaries[0]).not.toBe(canaries[1]);
    });

    it('answers with the entry as written, behind the fallback, when the model echoes its grounding JSON', async () => {
      server.chat.respondWith(echoLastUserMessage({ tokenDelayMs: 0 }));
      const fallbacks: string[] = [];
      const composer = createFallbackComposer({
        primary: filtered(),
        onFallback: ({ error }) => fallbacks.push(error.code),
      });
      const { text, events, error } = await collectEvents(composer.compose(composeRequest(), {}));
      expect(error).toBeUndefined();
      expect(text).toBe(entryAnswer);
      expect(text).not.toContain('knowledge_entries');
      expect(events.slice(-2)).toEqual([
        { type: 'citations', entryIds: ['coins.top-up'] },
        { type: 'finish', reason: 'stop' },
      ]);
      expect(fallbacks).toEqual(['unavailable']);
    });

    it('passes an honest answer whole, streaming it while the model writes', async () => {
      const answer =
        'Go to Me > Wallet > Top Up, pick a coin package and a payment method. The coins arrive right after payment, usually within a minute.';
      server.chat.enqueue({ content: `${answer}\n[[sources: coins.top-up]]`, tokenDelayMs: 1 });
      const { events, text } = await collectEvents(filtered().compose(composeRequest(), {}));
      expect(text).toBe(answer);
      expect(textDeltas(events).length).toBeGreaterThan(5);
      expect(events.at(-2)).toEqual({ type: 'citations', entryIds: ['coins.top-up'] });
    });
  });

  describe('behind the fallback composer', () => {
    const entryAnswer = TOP_UP_ENTRY.translations.en?.answer ?? '';

    function withFallback() {
      return createFallbackComposer({ primary: composerWith({ maxRetries: 0 }) });
    }

    it('a 500 gives the entry answer as is, citing the entry', async () => {
      server.chat.enqueue({ failure: { kind: 'status', status: 500 } });
      const { text, events, error } = await collectEvents(withFallback().compose(composeRequest(), {}));
      expect(error).toBeUndefined();
      expect(text).toBe(entryAnswer);
      expect(events.slice(-2)).toEqual([
        { type: 'citations', entryIds: ['coins.top-up'] },
        { type: 'finish', reason: 'stop' },
      ]);
    });

    it('a malformed first chunk gives the entry answer, in Chinese for a Chinese viewer', async () => {
      server.chat.enqueue({ failure: { kind: 'malformed-chunk', afterTokens: 0 } });
      const { text } = await collectEvents(withFallback().compose(composeRequest({ locale: 'zh' }), {}));
      expect(text).toBe(TOP_UP_ENTRY.answer);
    });

    it('a first-token timeout gives the entry answer', async () => {
      server.chat.enqueue({ content: 'late', firstTokenDelayMs: 1_000 });
      const composer = createFallbackComposer({ primary: composerWith({ firstTokenTimeoutMs: 50 }) });
      const { text } = await collectEvents(composer.compose(composeRequest(), {}));
      expect(text).toBe(entryAnswer);
    });

    it('a malformed chunk after some text ends with an error event', async () => {
      server.chat.enqueue({
        tokens: ['Go ', 'to ', 'Me'],
        failure: { kind: 'malformed-chunk', afterTokens: 2 },
      });
      const { events, error } = await collectEvents(withFallback().compose(composeRequest(), {}));
      expect(error).toBeUndefined();
      expect(events.map((event) => event.type)).toEqual(['text-delta', 'text-delta', 'error']);
      expect(events.at(-1)).toMatchObject({
        type: 'error',
        error: { code: 'unavailable' },
        deliveredText: 'Go to',
      });
    });

    it('an abort is still an abort', async () => {
      server.chat.enqueue({ content: 'late', firstTokenDelayMs: 1_000 });
      const controller = new AbortController();
      void server.chat.arrived(0).then(() => setTimeout(() => controller.abort(), 10));
      const { error, events } = await collectEvents(
        withFallback().compose(composeRequest(), { signal: controller.signal }),
      );
      expect(error).toMatchObject({ code: 'aborted' });
      expect(events).toEqual([]);
    });
  });
});

runAnswerComposerContract('the openai answer composer against a local server', async () => {
  const server = await startOpenAICompatibleServer({ apiKey: API_KEY });
  const composer = createOpenAIAnswerComposer({
    baseURL: server.baseURL,
    apiKey: API_KEY,
    model: 'm',
    timeoutMs: 5_000,
    firstTokenTimeoutMs: 5_000,
    maxRetries: 0,
  });
  return {
    composer,
    prepareAnswer: ({ citedId, slow }) =>
      server.chat.respondWith(() => ({
        // Longer than the leak filter holds back, so deltas still arrive while the model writes.
        content: `Go to the wallet, then open Top Up, pick a coin package and a payment method; the coins arrive right after you pay, usually within a minute or two.\n[[sources: ${citedId}]]`,
        tokenDelayMs: slow ? 20 : 0,
      })),
    cleanup: () => server.close(),
  };
});
