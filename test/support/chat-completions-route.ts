import type { ServerResponse } from 'node:http';
import { z } from 'zod';

/** What a scripted chat completion does instead of answering normally. */
export type ScriptedChatFailure =
  /** An HTTP error before any body, OpenAI's JSON error shape; `message` is the vendor text. */
  | { kind: 'status'; status: number; retryAfterMs?: number; retryAfterSeconds?: number; message?: string }
  /** A `data:` line that is not JSON, after `afterTokens` content chunks; then the response ends. */
  | { kind: 'malformed-chunk'; afterTokens?: number }
  /** A `data:` line that is JSON but not a chunk (content is a number). */
  | { kind: 'invalid-chunk'; afterTokens?: number }
  /** A `data: {"error": …}` event, as OpenAI sends when a stream fails after it began. */
  | { kind: 'error-chunk'; afterTokens?: number; message?: string }
  /** The server destroys the socket: a connection drop, no [DONE]. */
  | { kind: 'drop'; afterTokens?: number }
  /** The response ends cleanly without a finish_reason or [DONE]. */
  | { kind: 'end-early'; afterTokens?: number };

export interface ScriptedChatReply {
  /** The content pieces streamed one per chunk, in order. Default: `content` cut into tokens. */
  tokens?: readonly string[];
  /** The whole answer; cut into word-or-character tokens when `tokens` is not given. Default 'ok'. */
  content?: string;
  finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
  /**
   * Function calls the "model" makes after its content (OpenAI tool_calls); streamed as deltas, the
   * arguments cut in two, and the finish reason becomes `tool_calls` unless one is given.
   */
  toolCalls?: readonly { id: string; name: string; arguments?: string }[];
  /** Wait before the status line and headers. */
  headersDelayMs?: number;
  /** After the headers and the role chunk, wait this long before the first content token. */
  firstTokenDelayMs?: number;
  /** Wait before each content token after the first. */
  tokenDelayMs?: number;
  failure?: ScriptedChatFailure;
}

/** A text part, or an image part (`image_url.url`: a `data:image/…;base64,` URL or an http(s) one), as OpenAI takes. */
const ContentPartSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  image_url: z
    .looseObject({ url: z.string().regex(/^(data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=]+|https?:\/\/\S+)$/) })
    .optional(),
});

export const ChatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(ContentPartSchema)]).nullish(),
  name: z.string().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** OpenAI's three answer formats; a json_schema format must name its schema as OpenAI requires. */
const ResponseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/u),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export const ChatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(ChatMessageSchema).min(1),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  response_format: ResponseFormatSchema.nullish(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

/**
 * What OpenAI refuses with a 400 that the shape alone does not show: `json_object` without the word "json"
 * anywhere in the messages (a model told nothing about JSON may write whitespace until its token limit).
 */
export function requestProblem(request: ChatCompletionRequest): string | undefined {
  if (
    request.response_format?.type === 'json_object' &&
    !request.messages.some((message) => /json/iu.test(messageText(message)))
  )
    return "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
  return undefined;
}

/** Picks the reply for one request: the n-th chat request (0-based) and its parsed body. */
export type ChatResponder = (request: ChatCompletionRequest, requestNumber: number) => ScriptedChatReply;

/** How the exchange went, written as it happens (the server keeps it on the request record). */
export interface ChatProgress {
  /** `performance.now()` when the first content chunk was written. */
  firstTokenAt?: number;
  contentChunksSent: number;
  /** Set just before the server itself destroys the socket (a scripted drop). */
  serverDropped: boolean;
}

export interface ChatExchange {
  request: ChatCompletionRequest;
  reply: ScriptedChatReply;
  response: ServerResponse;
  progress: ChatProgress;
}

/** The text of a message, with content parts joined. */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join('');
}

/** The images a message carries (issue 17): each image part's URL, in order. */
export function messageImages(message: ChatMessage): string[] {
  const { content } = message;
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => (part.type === 'image_url' && part.image_url ? [part.image_url.url] : []));
}

/** A responder that answers with the last user message, word for word: the worst-case "model". */
export function echoLastUserMessage(
  overrides: Omit<ScriptedChatReply, 'content' | 'tokens'> = {},
): ChatResponder {
  return (request) => {
    const lastUser = request.messages.filter((message) => message.role === 'user').at(-1);
    return { ...overrides, content: lastUser === undefined ? '' : messageText(lastUser) };
  };
}

/** Latin words with their trailing space, single CJK characters, runs of whitespace. */
export function splitIntoTokens(text: string): string[] {
  return (
    text.match(
      /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+\s*|\s+/gu,
    ) ?? []
  );
}

export async function answerChatCompletion(exchange: ChatExchange): Promise<void> {
  const { reply, response } = exchange;
  const { failure } = reply;
  if (!(await waitUnlessClosed(response, reply.headersDelayMs ?? 0))) return;
  if (failure?.kind === 'status') {
    const headers: Record<string, string> = {};
    if (failure.retryAfterMs !== undefined) headers['retry-after-ms'] = String(failure.retryAfterMs);
    if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
    sendJsonError(response, failure.status, failure.message ?? `scripted failure ${failure.status}`, headers);
    return;
  }
  if (exchange.request.stream === true) await streamChunks(exchange);
  else await answerWhole(exchange);
}

function tokensOf(reply: ScriptedChatReply): readonly string[] {
  return reply.tokens ?? splitIntoTokens(reply.content ?? 'ok');
}

async function streamChunks({ request, reply, response, progress }: ChatExchange): Promise<void> {
  const id = `chatcmpl-${Math.random().toString(36).slice(2, 12)}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: object, finishReason: string | null = null): string =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: request.model,
      system_fingerprint: 'fp_local',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    })}\n\n`;

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  response.write(chunk({ role: 'assistant', content: '' }));

  const tokens = tokensOf(reply);
  const failure = reply.failure;
  const failAt = failure === undefined || failure.kind === 'status' ? -1 : (failure.afterTokens ?? 0);
  for (let index = 0; index <= tokens.length; index++) {
    if (index === failAt && failure !== undefined && failure.kind !== 'status') {
      await failMidStream(failure, { response, progress, chunk });
      return;
    }
    const token = tokens[index];
    if (token === undefined) break;
    const delayMs = index === 0 ? (reply.firstTokenDelayMs ?? 0) : (reply.tokenDelayMs ?? 0);
    if (!(await waitUnlessClosed(response, delayMs))) return;
    response.write(chunk({ content: token }));
    progress.contentChunksSent += 1;
    progress.firstTokenAt ??= performance.now();
  }
  for (const [index, call] of (reply.toolCalls ?? []).entries()) {
    const args = call.arguments ?? '{}';
    const half = Math.ceil(args.length / 2);
    response.write(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: args.slice(0, half) },
          },
        ],
      }),
    );
    response.write(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
  }
  response.write(chunk({}, reply.finishReason ?? (reply.toolCalls?.length ? 'tool_calls' : 'stop')));
  response.end('data: [DONE]\n\n');
}

async function failMidStream(
  failure: Exclude<ScriptedChatFailure, { kind: 'status' }>,
  context: { response: ServerResponse; progress: ChatProgress; chunk: (delta: object) => string },
): Promise<void> {
  const { response, progress } = context;
  // Let the tokens already written reach the client before the failure does.
  if (!(await waitUnlessClosed(response, 5))) return;
  switch (failure.kind) {
    case 'malformed-chunk':
      response.end('data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"x"\n\n');
      return;
    case 'invalid-chunk':
      response.end(context.chunk({ content: 42 }));
      return;
    case 'error-chunk':
      response.end(
        `data: ${JSON.stringify({ error: { message: failure.message ?? 'The server had an error', type: 'server_error' } })}\n\n`,
      );
      return;
    case 'drop':
      progress.serverDropped = true;
      response.socket?.destroy();
      return;
    case 'end-early':
      response.end();
      return;
  }
}

async function answerWhole({ request, reply, response }: ChatExchange): Promise<void> {
  const tokens = tokensOf(reply);
  const delayMs = (reply.firstTokenDelayMs ?? 0) + Math.max(0, tokens.length - 1) * (reply.tokenDelayMs ?? 0);
  if (!(await waitUnlessClosed(response, delayMs))) return;
  switch (reply.failure?.kind) {
    case 'drop':
      response.socket?.destroy();
      return;
    case 'malformed-chunk':
    case 'invalid-chunk':
    case 'error-chunk':
    case 'end-early':
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"id":"chatcmpl-broken","choices":[');
      return;
    default:
      break;
  }
  const content = tokens.join('');
  response.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.toolCalls?.length && content === '' ? null : content,
            refusal: null,
            ...(reply.toolCalls?.length
              ? {
                  tool_calls: reply.toolCalls.map((call) => ({
                    id: call.id,
                    type: 'function',
                    function: { name: call.name, arguments: call.arguments ?? '{}' },
                  })),
                }
              : {}),
          },
          logprobs: null,
          finish_reason: reply.finishReason ?? (reply.toolCalls?.length ? 'tool_calls' : 'stop'),
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: tokens.length, total_tokens: tokens.length + 1 },
    }),
  );
}

export function sendJsonError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  type = status >= 500 ? 'server_error' : 'invalid_request_error',
): void {
  response
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

/** Resolves true after `delayMs`, or false as soon as the client hangs up. */
export function waitUnlessClosed(response: ServerResponse, delayMs: number): Promise<boolean> {
  if (response.destroyed || response.writableEnded) return Promise.resolve(false);
  if (delayMs <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      response.off('close', onClose);
      resolve(true);
    }, delayMs);
    function onClose(): void {
      clearTimeout(timer);
      resolve(false);
    }
    response.once('close', onClose);
  });
}
