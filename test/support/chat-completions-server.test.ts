import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  echoLastUserMessage,
  splitIntoTokens,
  startOpenAICompatibleServer,
} from './openai-compatible-server.js';
import type { OpenAICompatibleServer } from './openai-compatible-server.js';

const messages = [
  { role: 'system' as const, content: 'be brief' },
  { role: 'user' as const, content: 'hello there' },
];

describe('the test server: POST /v1/chat/completions', () => {
  let server: OpenAICompatibleServer;
  let client: OpenAI;

  beforeEach(async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'key' });
    client = new OpenAI({ baseURL: server.baseURL, apiKey: 'key', maxRetries: 0, logLevel: 'off' });
  });

  afterEach(async () => {
    await server.close();
  });

  async function rawStream(body: object): Promise<string> {
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer key', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    return response.text();
  }

  it('streams SSE the way OpenAI does: a role chunk, one chunk per token, a finish chunk, [DONE]', async () => {
    server.chat.enqueue({ tokens: ['Hel', 'lo'] });
    const text = await rawStream({ model: 'm', messages, stream: true });
    const events = text.split('\n\n').filter((event) => event !== '');
    expect(events.every((event) => event.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice(6)) as Record<string, unknown>);
    expect(chunks.map((chunk) => chunk.choices)).toEqual([
      [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: 'Hel' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: 'lo' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
    ]);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'm')).toBe(
      true,
    );
  });

  it('is understood by the openai SDK, streamed and whole', async () => {
    server.chat.enqueue({ content: '你好, world!', finishReason: 'length' }, { content: 'whole answer' });
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const pieces: string[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      pieces.push(chunk.choices[0]?.delta.content ?? '');
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(pieces.join('')).toBe('你好, world!');
    expect(pieces.filter((piece) => piece !== '')).toEqual(['你', '好', ', ', 'world!']);
    expect(finish).toBe('length');

    const whole = await client.chat.completions.create({ model: 'm', messages });
    expect(whole.choices[0]?.message.content).toBe('whole answer');
    expect(whole.choices[0]?.finish_reason).toBe('stop');
    expect(server.chat.requests.map((request) => request.clientClosedEarly)).toEqual([false, false]);
  });

  it('cuts content into words and single Chinese characters', () => {
    expect(splitIntoTokens('退款需要 3 天。OK then')).toEqual([
      '退',
      '款',
      '需',
      '要',
      ' ',
      '3 ',
      '天',
      '。',
      'OK ',
      'then',
    ]);
  });

  it('waits the time to first token, then the per-token delay', async () => {
    server.chat.enqueue({ tokens: ['a', 'b', 'c'], firstTokenDelayMs: 60, tokenDelayMs: 30 });
    const started = performance.now();
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const arrivals: number[] = [];
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) arrivals.push(performance.now() - started);
    }
    expect(arrivals).toHaveLength(3);
    expect(arrivals[0]).toBeGreaterThanOrEqual(55);
    expect((arrivals[2] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(50);
  });

  it('plays the queue first, then the responder, then the default answer', async () => {
    server.chat.enqueue({ content: 'queued' });
    const seen: number[] = [];
    server.chat.respondWith((request, requestNumber) => {
      seen.push(requestNumber);
      return { content: `answer ${requestNumber} to ${request.model}` };
    });
    const ask = async (): Promise<string | null | undefined> =>
      (await client.chat.completions.create({ model: 'm', messages })).choices[0]?.message.content;
    expect(await ask()).toBe('queued');
    expect(await ask()).toBe('answer 1 to m');
    server.chat.respondWith(undefined);
    expect(await ask()).toBe('ok');
    expect(seen).toEqual([1]);
  });

  it('echoes the last user message with echoLastUserMessage', async () => {
    server.chat.respondWith(echoLastUserMessage());
    const answer = await client.chat.completions.create({ model: 'm', messages });
    expect(answer.choices[0]?.message.content).toBe('hello there');
  });

  it('answers scripted errors with OpenAI error bodies and retry headers', async () => {
    server.chat.enqueue(
      { failure: { kind: 'status', status: 429, retryAfterSeconds: 2 } },
      { failure: { kind: 'status', status: 500, retryAfterMs: 7, message: 'vendor secret text' } },
    );
    const limited = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer key' },
      body: JSON.stringify({ model: 'm', messages, stream: true }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    const failed = await client.chat.completions
      .create({ model: 'm', messages })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(OpenAI.InternalServerError);
    expect((failed as Error).message).toContain('vendor secret text');
  });

  it('rejects a request without messages', async () => {
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer key' },
      body: JSON.stringify({ model: 'm' }),
    });
    expect(response.status).toBe(400);
  });

  it('refuses json_object without the word JSON in the messages, and a json_schema format without a name, as OpenAI does', async () => {
    const post = (body: object) =>
      fetch(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer key', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', ...body }),
      });
    const noJsonWord = await post({ messages, response_format: { type: 'json_object' } });
    expect(noJsonWord.status).toBe(400);
    expect(await noJsonWord.text()).toContain("must contain the word 'json'");
    const unnamed = await post({ messages, response_format: { type: 'json_schema', json_schema: {} } });
    expect(unnamed.status).toBe(400);
    const withJson = [{ role: 'user', content: 'answer in JSON' }];
    expect((await post({ messages: withJson, response_format: { type: 'json_object' } })).status).toBe(200);
    const named = {
      type: 'json_schema',
      json_schema: { name: 'v', strict: true, schema: { type: 'object' } },
    };
    expect((await post({ messages, response_format: named })).status).toBe(200);
  });

  it.each([
    ['malformed-chunk', SyntaxError],
    ['error-chunk', OpenAI.APIError],
  ] as const)('fails the SDK stream on a %s after the tokens before it', async (kind, errorType) => {
    server.chat.enqueue({ tokens: ['one ', 'two '], failure: { kind, afterTokens: 1 } });
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const pieces: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(errorType);
    expect(pieces.join('')).toBe('one ');
  });

  it('drops the connection mid-stream, and records that the server, not the client, closed it', async () => {
    server.chat.enqueue({ tokens: ['one ', 'two '], failure: { kind: 'drop', afterTokens: 1 } });
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const error = await (async () => {
      for await (const _chunk of stream) {
        // read on until the line drops
      }
    })().catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(Error);
    const record = await server.chat.closed(0);
    expect(record.chat).toMatchObject({ serverDropped: true, contentChunksSent: 1 });
    expect(record.clientClosedEarly).toBe(false);
  });

  it('ends a stream early without a finish reason or [DONE]', async () => {
    server.chat.enqueue({ tokens: ['one ', 'two '], failure: { kind: 'end-early', afterTokens: 2 } });
    const text = await rawStream({ model: 'm', messages, stream: true });
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('"finish_reason":"stop"');
  });

  it('records when the client closes the stream early, within milliseconds of the abort', async () => {
    server.chat.enqueue({ content: 'a b c d e f g h i j', tokenDelayMs: 20 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'm', messages, stream: true },
      { signal: controller.signal },
    );
    let abortedAt = 0;
    let received = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) received += 1;
      if (received === 2) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    const record = await server.chat.closed(0);
    expect(record.clientClosedEarly).toBe(true);
    // The chunk count proves the early close; the time only bounds it loosely (CI machines are shared).
    expect((record.closedAt ?? Infinity) - abortedAt).toBeLessThan(1000);
    expect(record.chat?.contentChunksSent).toBeLessThan(4);
  });
});
