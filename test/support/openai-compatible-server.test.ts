import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedWithHashedNgrams } from './hashed-ngram-embedding.js';
import { startOpenAICompatibleServer } from './openai-compatible-server.js';
import type { OpenAICompatibleServer } from './openai-compatible-server.js';

describe('the OpenAI-compatible test server', () => {
  let server: OpenAICompatibleServer;

  beforeEach(async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'key', dimensions: 8 });
  });

  afterEach(async () => {
    await server.close();
  });

  async function post(path: string, body: unknown, key = 'key'): Promise<Response> {
    return fetch(`${server.baseURL.replace('/v1', '')}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('answers the openai SDK, which asks for base64 and decodes it itself', async () => {
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'key' });
    const response = await client.embeddings.create({ model: 'm', input: ['hello', '你好'] });
    expect(server.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    const expected = Array.from(embedWithHashedNgrams('hello', 8));
    response.data[0]?.embedding.forEach((value, index) => expect(value).toBeCloseTo(expected[index] ?? 0, 6));
  });

  it('answers float requests with plain arrays', async () => {
    const response = await post('/v1/embeddings', { model: 'm', input: 'hello', encoding_format: 'float' });
    const body = (await response.json()) as { data: { embedding: number[] }[] };
    expect(body.data[0]?.embedding).toHaveLength(8);
  });

  it('puts texts that share characters closer than texts that do not', () => {
    const [a, b, c] = ['reset my password', 'password reset', 'stream schedule'].map((text) =>
      embedWithHashedNgrams(text, 64),
    );
    const dot = (x?: Float32Array, y?: Float32Array): number =>
      Array.from(x ?? []).reduce((sum, value, index) => sum + value * (y?.[index] ?? 0), 0);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
  });

  it('rejects a wrong key, an empty input and an unknown route as OpenAI does', async () => {
    expect((await post('/v1/embeddings', { model: 'm', input: 'x' }, 'nope')).status).toBe(401);
    expect((await post('/v1/embeddings', { model: 'm', input: ['x', ''] })).status).toBe(400);
    expect((await post('/v1/completions', { model: 'm' })).status).toBe(404);
  });

  it('plays scripted failures in order, then answers normally', async () => {
    server.failNext({ kind: 'status', status: 500, retryAfterMs: 5 }, 2);
    server.failNext({ kind: 'wrong-count' });
    const first = await post('/v1/embeddings', { model: 'm', input: ['a', 'b'], encoding_format: 'float' });
    expect(first.status).toBe(500);
    expect(first.headers.get('retry-after-ms')).toBe('5');
    expect((await post('/v1/embeddings', { model: 'm', input: ['a', 'b'] })).status).toBe(500);
    const short = (await (await post('/v1/embeddings', { model: 'm', input: ['a', 'b'] })).json()) as {
      data: unknown[];
    };
    expect(short.data).toHaveLength(1);
    expect((await post('/v1/embeddings', { model: 'm', input: ['a', 'b'] })).status).toBe(200);
    expect(server.requests).toHaveLength(4);
  });
});
