import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  answerChatCompletion,
  ChatCompletionRequestSchema,
  requestProblem,
  sendJsonError,
  waitUnlessClosed,
} from './chat-completions-route.js';
import type { ChatProgress, ChatResponder, ScriptedChatReply } from './chat-completions-route.js';
import { embedWithHashedNgrams } from './hashed-ngram-embedding.js';

export {
  echoLastUserMessage,
  messageImages,
  messageText,
  splitIntoTokens,
} from './chat-completions-route.js';
export type {
  ChatCompletionRequest,
  ChatMessage,
  ChatResponder,
  ScriptedChatFailure,
  ScriptedChatReply,
} from './chat-completions-route.js';

/** What the next request gets instead of a normal answer. */
export type ScriptedFailure =
  | { kind: 'status'; status: number; retryAfterMs?: number }
  | { kind: 'malformed-json' }
  | { kind: 'wrong-count' }
  | { kind: 'mixed-dimensions' }
  | { kind: 'non-finite' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** Set when the client hung up before the response was complete (an aborted request). */
  clientClosedEarly: boolean;
  /** `performance.now()` when the request arrived (same clock as the test process: the server runs in it). */
  receivedAt: number;
  /** `performance.now()` when the response closed, whoever closed it; undefined while it is open. */
  closedAt?: number;
  /** Chat completions only: chunks written, time of the first token, and whether the server dropped the line. */
  chat?: ChatProgress;
}

export interface OpenAICompatibleServerOptions {
  /** Length of the vectors returned when a request does not ask for `dimensions`. Default 64. */
  dimensions?: number;
  /** When set, a request without `Authorization: Bearer <apiKey>` gets 401, as OpenAI does. */
  apiKey?: string;
  /** Wait this long before answering each request. Default 0. */
  delayMs?: number;
}

export interface OpenAICompatibleServer {
  /** `http://127.0.0.1:<port>/v1`, ready for the openai client's `baseURL`. */
  readonly baseURL: string;
  readonly requests: readonly RecordedRequest[];
  /** Answers the next `times` requests (default 1) with `failure`, in the order scripted. */
  failNext(failure: ScriptedFailure, times?: number): void;
  setDelay(delayMs: number): void;
  /** `POST /v1/chat/completions`: scripted replies, streamed (SSE) or whole. */
  readonly chat: ChatScript;
  close(): Promise<void>;
}

export interface ChatScript {
  /** Queues replies, used one per chat request in order before the responder. */
  enqueue(...replies: ScriptedChatReply[]): void;
  /** Answers chat requests the queue does not cover; `undefined` restores the default ('ok'). */
  respondWith(responder: ChatResponder | undefined): void;
  /** The chat requests received so far, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Resolves once the n-th chat request (0-based) has arrived, before it is answered. */
  arrived(requestNumber: number): Promise<RecordedRequest>;
  /** Resolves once the n-th chat request (0-based) has arrived and closed, whoever closed it. */
  closed(requestNumber: number): Promise<RecordedRequest>;
}

/** One route's work: everything about the request, and the response to write. */
interface RouteExchange {
  body: unknown;
  response: ServerResponse;
  record: RecordedRequest;
}

interface EmbeddingsExchange {
  body: unknown;
  response: ServerResponse;
  failure: ScriptedFailure | undefined;
}

type RouteHandler = (exchange: RouteExchange) => void | Promise<void>;

const EmbeddingsRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1)]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});

/**
 * A real loopback HTTP server speaking the OpenAI wire protocol, for adapter tests. Routes live
 * in a table keyed by `METHOD /path`: `/v1/embeddings` (hashed n-gram vectors, `failNext`) and
 * `/v1/chat/completions` (scripted replies through `chat`, streamed as SSE when asked).
 */
export async function startOpenAICompatibleServer(
  options: OpenAICompatibleServerOptions = {},
): Promise<OpenAICompatibleServer> {
  const defaultDimensions = options.dimensions ?? 64;
  let delayMs = options.delayMs ?? 0;
  const requests: RecordedRequest[] = [];
  const scriptedFailures: ScriptedFailure[] = [];

  const chatReplies: ScriptedChatReply[] = [];
  const chatRequests: RecordedRequest[] = [];
  const closeWaiters = new Map<RecordedRequest, (() => void)[]>();
  const arrivalWaiters: { requestNumber: number; wake: (record: RecordedRequest) => void }[] = [];
  let chatResponder: ChatResponder | undefined;

  const routes: Record<string, RouteHandler> = {
    'POST /v1/embeddings': ({ body, response }) =>
      answerEmbeddings({ body, response, failure: scriptedFailures.shift() }, defaultDimensions),
    'POST /v1/chat/completions': async ({ body, response, record }) => {
      const requestNumber = chatRequests.length;
      chatRequests.push(record);
      for (const waiter of arrivalWaiters.filter((candidate) => candidate.requestNumber === requestNumber)) {
        waiter.wake(record);
      }
      const progress: ChatProgress = { contentChunksSent: 0, serverDropped: false };
      record.chat = progress;
      const parsed = ChatCompletionRequestSchema.safeParse(body);
      if (!parsed.success) {
        sendJsonError(response, 400, `Invalid request: ${z.prettifyError(parsed.error)}`);
        return;
      }
      const problem = requestProblem(parsed.data);
      if (problem !== undefined) {
        sendJsonError(response, 400, problem);
        return;
      }
      const reply = chatReplies.shift() ?? chatResponder?.(parsed.data, requestNumber) ?? { content: 'ok' };
      await answerChatCompletion({ request: parsed.data, reply, response, progress });
    },
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: new URL(request.url ?? '/', 'http://localhost').pathname,
      headers: request.headers,
      body: parseJsonOrText(text),
      clientClosedEarly: false,
      receivedAt: performance.now(),
    };
    requests.push(record);
    // Writing to a socket the client already closed must not crash the test process.
    response.on('error', () => undefined);
    response.on('close', () => {
      record.closedAt = performance.now();
      if (!response.writableFinished && record.chat?.serverDropped !== true) record.clientClosedEarly = true;
      for (const wake of closeWaiters.get(record) ?? []) wake();
      closeWaiters.delete(record);
    });

    if (delayMs > 0 && !(await waitUnlessClosed(response, delayMs))) return;

    const route = routes[`${record.method} ${record.path}`];
    if (route === undefined) {
      sendError(
        response,
        404,
        `Unknown request URL: ${record.method} ${record.path}`,
        'invalid_request_error',
      );
      return;
    }
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      // OpenAI echoes (part of) the key it was given; adapters must keep it out of their messages.
      sendError(
        response,
        401,
        `Incorrect API key provided: ${request.headers.authorization ?? 'none'}`,
        'invalid_api_key',
      );
      return;
    }
    await route({ body: record.body, response, record });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext(failure, times = 1) {
      for (let count = 0; count < times; count++) scriptedFailures.push(failure);
    },
    setDelay(nextDelayMs) {
      delayMs = nextDelayMs;
    },
    chat: {
      enqueue(...replies) {
        chatReplies.push(...replies);
      },
      respondWith(responder) {
        chatResponder = responder;
      },
      requests: chatRequests,
      arrived(requestNumber) {
        const record = chatRequests[requestNumber];
        if (record !== undefined) return Promise.resolve(record);
        return new Promise<RecordedRequest>((resolve) =>
          arrivalWaiters.push({ requestNumber, wake: resolve }),
        );
      },
      async closed(requestNumber) {
        const record = await this.arrived(requestNumber);
        if (record.closedAt !== undefined) return record;
        return new Promise<RecordedRequest>((resolve) => {
          closeWaiters.set(record, [...(closeWaiters.get(record) ?? []), () => resolve(record)]);
        });
      },
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function answerEmbeddings({ body, response, failure }: EmbeddingsExchange, defaultDimensions: number): void {
  if (failure?.kind === 'status') {
    const headers =
      failure.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(failure.retryAfterMs) };
    sendError(response, failure.status, `scripted failure ${failure.status}`, 'server_error', headers);
    return;
  }
  if (failure?.kind === 'malformed-json') {
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end('{"object":"list","data":[{"embedding":[0.1,');
    return;
  }
  const parsed = EmbeddingsRequestSchema.safeParse(body);
  if (!parsed.success) {
    sendError(response, 400, `Invalid request: ${z.prettifyError(parsed.error)}`, 'invalid_request_error');
    return;
  }
  const request = parsed.data;
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const emptyAt = inputs.findIndex((input) => input === '');
  if (emptyAt >= 0) {
    sendError(
      response,
      400,
      `'$.input[${emptyAt}]' is invalid: it may not be empty`,
      'invalid_request_error',
    );
    return;
  }
  const dimensions = request.dimensions ?? defaultDimensions;
  let vectors = inputs.map((input) => embedWithHashedNgrams(input, dimensions));
  if (failure?.kind === 'wrong-count') vectors = vectors.slice(1);
  if (failure?.kind === 'mixed-dimensions')
    vectors = vectors.map((vector, position) => (position === 0 ? vector.slice(1) : vector));
  if (failure?.kind === 'non-finite') vectors[0]?.fill(Number.NaN, 0, 1);

  const base64 = request.encoding_format === 'base64';
  const data = vectors.map((vector, index) => ({
    object: 'embedding',
    index,
    embedding: base64
      ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
      : Array.from(vector),
  }));
  const tokens = inputs.reduce((sum, input) => sum + input.length, 0);
  let payload = JSON.stringify({
    object: 'list',
    data,
    model: request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
  // JSON has no NaN; `1e999` is valid JSON that parses to Infinity, which is what a broken server sends.
  if (failure?.kind === 'non-finite' && !base64) payload = payload.replace('null', '1e999');
  response.writeHead(200, { 'content-type': 'application/json' }).end(payload);
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  headers: Record<string, string> = {},
): void {
  response
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonOrText(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
