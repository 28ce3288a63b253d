import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import { runEmbedderContract } from '../../test/contracts/embedder.contract.js';
import { startOpenAICompatibleServer } from '../../test/support/openai-compatible-server.js';
import type { OpenAICompatibleServer } from '../../test/support/openai-compatible-server.js';
import { createOpenAIEmbedder } from './openai-embedder.js';

const API_KEY = 'sk-test-0123456789abcdef';

for (const encodingFormat of ['base64', 'float'] as const) {
  runEmbedderContract(
    `openai embedder (${encodingFormat}) against a local OpenAI-compatible server`,
    async () => {
      const server = await startOpenAICompatibleServer({ apiKey: API_KEY, dimensions: 48 });
      const embedder = await createOpenAIEmbedder({
        baseURL: server.baseURL,
        apiKey: API_KEY,
        model: 'hashed-ngrams',
        batchSize: 8,
        encodingFormat,
      });
      return { embedder, cleanup: () => server.close() };
    },
    // The server's hashed n-grams put texts that share characters together: enough to rank these.
    { semantic: true, batchTolerance: 1e-6 },
  );
}

describe('createOpenAIEmbedder', () => {
  let server: OpenAICompatibleServer;

  beforeEach(async () => {
    server = await startOpenAICompatibleServer({ apiKey: API_KEY, dimensions: 32 });
  });

  afterEach(async () => {
    await server.close();
  });

  function inputsOf(requestNumber: number): unknown {
    return (server.requests[requestNumber]?.body as { input?: unknown } | undefined)?.input;
  }

  async function embedError(promise: Promise<unknown>): Promise<LivedeskError> {
    const error = await promise.then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(LivedeskError);
    return error as LivedeskError;
  }

  describe('dimensions', () => {
    it('learns the vector length from one probe request when not told', async () => {
      const embedder = await createOpenAIEmbedder({ baseURL: server.baseURL, apiKey: API_KEY, model: 'm' });
      expect(embedder.dimensions).toBe(32);
      expect(embedder.id).toBe('openai:m:32');
      expect(server.requests).toHaveLength(1);
    });

    it('makes no request at creation when told, and then insists on that length', async () => {
      const embedder = await createOpenAIEmbedder({
        baseURL: server.baseURL,
        apiKey: API_KEY,
        model: 'm',
        dimensions: 16,
      });
      expect(server.requests).toHaveLength(0);
      const error = await embedError(embedder.embed(['hello']));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain('vectors of 32 dimensions where 16 were expected');
    });

    it('asks the server for shortened vectors with requestDimensions', async () => {
      const embedder = await createOpenAIEmbedder({
        baseURL: server.baseURL,
        apiKey: API_KEY,
        model: 'text-embedding-3-small',
        dimensions: 12,
        requestDimensions: true,
      });
      const [vector] = await embedder.embed(['hello']);
      expect(vector).toHaveLength(12);
      expect(server.requests[0]?.body).toMatchObject({ dimensions: 12 });
    });

    it('refuses requestDimensions without dimensions', async () => {
      await expect(
        createOpenAIEmbedder({ baseURL: server.baseURL, model: 'm', requestDimensions: true }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });

  describe('the wire', () => {
    it('sends texts in batches of batchSize and leaves blank texts off the wire', async () => {
      const embedder = await createOpenAIEmbedder({
        baseURL: server.baseURL,
        apiKey: API_KEY,
        model: 'm',
        dimensions: 32,
        batchSize: 4,
      });
      const texts = ['a1', 'a2', '', 'a3', 'a4', 'a5', '  ', 'a6', 'a7', 'a8', 'a9'];
      const vectors = await embedder.embed(texts);
      expect(vectors).toHaveLength(texts.length);
      expect(server.requests.map((request) => request.body)).toEqual([
        { model: 'm', input: ['a1', 'a2', 'a3', 'a4'], encoding_format: 'base64' },
        { model: 'm', input: ['a5', 'a6', 'a7', 'a8'], encoding_format: 'base64' },
        { model: 'm', input: ['a9'], encoding_format: 'base64' },
      ]);
      expect(server.requests.every((request) => request.path === '/v1/embeddings')).toBe(true);
    });

    it('sends the API key as a bearer token', async () => {
      const embedder = await createOpenAIEmbedder({
        baseURL: server.baseURL,
        apiKey: API_KEY,
        model: 'm',
        dimensions: 32,
      });
      await embedder.embed(['hello']);
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    });

    it('sends no Authorization header at all without an API key', async () => {
      const open = await startOpenAICompatibleServer();
      try {
        const embedder = await createOpenAIEmbedder({ baseURL: open.baseURL, model: 'm' });
        await embedder.embed(['hello']);
        expect(open.requests.map((request) => request.headers.authorization)).toEqual([undefined, undefined]);
      } finally {
        await open.close();
      }
    });

    it('cuts very long texts to maxInputCharacters without splitting a surrogate pair', async () => {
      const embedder = await createOpenAIEmbedder({
        baseURL: server.baseURL,
        apiKey: API_KEY,
        model: 'm',
        dimensions: 32,
        maxInputCharacters: 10,
      });
      await embedder.embed(['123456789😀 and more', '短句']);
      expect(inputsOf(0)).toEqual(['123456789', '短句']);
    });
  });

  describe('failures', () => {
    async function embedderWith(
      options: { maxRetries?: number; timeoutMs?: number; baseURL?: string; apiKey?: string } = {},
    ) {
      return createOpenAIEmbedder({
        baseURL: options.baseURL ?? server.baseURL,
        apiKey: options.apiKey ?? API_KEY,
        model: 'm',
        dimensions: 32,
        maxRetries: options.maxRetries ?? 2,
        timeoutMs: options.timeoutMs ?? 15_000,
      });
    }

    it('retries a 429 and succeeds', async () => {
      const embedder = await embedderWith();
      server.failNext({ kind: 'status', status: 429, retryAfterMs: 1 });
      const [vector] = await embedder.embed(['hello']);
      expect(vector).toHaveLength(32);
      expect(server.requests).toHaveLength(2);
      expect(server.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual([
        '0',
        '1',
      ]);
    });

    it('retries 5xx answers up to maxRetries, then reports a retryable outage', async () => {
      const embedder = await embedderWith({ maxRetries: 2 });
      server.failNext({ kind: 'status', status: 503, retryAfterMs: 1 }, 3);
      const error = await embedError(embedder.embed(['hello']));
      expect(error).toMatchObject({ code: 'unavailable', retryable: true });
      expect(error.message).toContain('HTTP 503');
      expect(server.requests).toHaveLength(3);
    });

    it('reports rate limiting as retryable once retries run out', async () => {
      const embedder = await embedderWith({ maxRetries: 0 });
      server.failNext({ kind: 'status', status: 429, retryAfterMs: 1 });
      const error = await embedError(embedder.embed(['hello']));
      expect(error).toMatchObject({ code: 'unavailable', retryable: true });
      expect(error.message).toContain('rate limiting');
    });

    it('does not retry a 400, and calls it invalid input', async () => {
      const embedder = await embedderWith();
      server.failNext({ kind: 'status', status: 400 });
      const error = await embedError(embedder.embed(['hello']));
      expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
      expect(server.requests).toHaveLength(1);
    });

    it('does not retry a refused key, and keeps the key out of the message and cause', async () => {
      const wrongKey = 'sk-wrong-key-that-must-not-leak';
      const embedder = await embedderWith({ apiKey: wrongKey });
      const error = await embedError(embedder.embed(['hello']));
      expect(error).toMatchObject({ code: 'unavailable', retryable: false });
      expect(error.message).toContain('check apiKey');
      expect(error.message).not.toContain(wrongKey);
      expect(String((error.cause as Error).message)).not.toContain(wrongKey);
      expect(String((error.cause as Error).message)).toContain('[redacted]');
      expect(server.requests).toHaveLength(1);
    });

    it('explains a 404 as a wrong baseURL or model', async () => {
      const embedder = await embedderWith({ baseURL: server.baseURL.replace('/v1', '/v9') });
      const error = await embedError(embedder.embed(['hello']));
      expect(error).toMatchObject({ code: 'unavailable', retryable: false });
      expect(error.message).toMatch(/HTTP 404.*check baseURL and model/);
    });

    it('reports a body that is not JSON', async () => {
      const embedder = await embedderWith();
      server.failNext({ kind: 'malformed-json' });
      const error = await embedError(embedder.embed(['hello']));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain('not valid JSON');
    });

    it('reports an answer with the wrong number of embeddings', async () => {
      const embedder = await embedderWith();
      server.failNext({ kind: 'wrong-count' });
      const error = await embedError(embedder.embed(['one', 'two', 'three']));
      expect(error.message).toContain('returned 2 embeddings for 3 texts');
    });

    it('reports vectors of different lengths', async () => {
      const embedder = await embedderWith();
      server.failNext({ kind: 'mixed-dimensions' });
      const error = await embedError(embedder.embed(['one', 'two']));
      expect(error.message).toContain('vectors of 31 dimensions where 32 were expected');
    });

    it.each(['base64', 'float'] as const)(
      'reports NaN or Infinity in a %s answer',
      async (encodingFormat) => {
        const embedder = await createOpenAIEmbedder({
          baseURL: server.baseURL,
          apiKey: API_KEY,
          model: 'm',
          dimensions: 32,
          encodingFormat,
        });
        server.failNext({ kind: 'non-finite' });
        const error = await embedError(embedder.embed(['one']));
        expect(error.message).toMatch(/NaN or Infinity|unexpected body/);
      },
    );

    it('closes the request when the caller aborts mid-flight', async () => {
      const embedder = await embedderWith();
      server.setDelay(10_000);
      const controller = new AbortController();
      const pending = embedError(embedder.embed(['hello'], { signal: controller.signal }));
      await vi.waitFor(() => expect(server.requests).toHaveLength(1));
      controller.abort();
      const error = await pending;
      expect(error.code).toBe('aborted');
      await vi.waitFor(() => expect(server.requests[0]?.clientClosedEarly).toBe(true));
      expect(server.requests).toHaveLength(1);
    });

    it('gives up after timeoutMs with a retryable timeout, closing the request', async () => {
      const embedder = await embedderWith({ timeoutMs: 200 });
      server.setDelay(5_000);
      const started = Date.now();
      const error = await embedError(embedder.embed(['hello']));
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(error.message).toContain('200 ms');
      expect(Date.now() - started).toBeLessThan(2_000);
      await vi.waitFor(() =>
        expect(server.requests.every((request) => request.clientClosedEarly)).toBe(true),
      );
    });

    it('reports an endpoint that cannot be reached as retryable, without credentials in the message', async () => {
      const closed = await startOpenAICompatibleServer();
      const baseURL = closed.baseURL.replace('http://', 'http://user:hunter2@');
      await closed.close();
      const embedder = await embedderWith({ baseURL, maxRetries: 0 });
      const error = await embedError(embedder.embed(['hello']));
      expect(error).toMatchObject({ code: 'unavailable', retryable: true });
      expect(error.message).toContain('could not reach');
      expect(error.message).not.toContain('hunter2');
    });

    it('refuses a baseURL that is not an http(s) URL', async () => {
      await expect(
        createOpenAIEmbedder({ baseURL: 'localhost:8080', model: 'm', dimensions: 4 }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });
  });
});
