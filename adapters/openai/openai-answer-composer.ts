import { randomBytes } from 'node:crypto';
import { createCitationTrailerFilter } from '../../engine/composer/citation-trailer.js';
import { buildGroundedPrompt, groundingData, groundingTexts } from '../../engine/composer/grounded-prompt.js';
import { createOutputLeakFilter, type OutputLeakKind } from '../../engine/composer/output-leak-filter.js';
import type { GroundedPromptOptions } from '../../engine/composer/grounded-prompt.js';
import type { AnswerComposer, ComposeRequest, ComposerEvent } from '../../engine/ports.js';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions } from '../../knowledge/ports.js';
import { createChatClient } from './create-chat-client.js';
import { describeEndpoint } from './describe-endpoint.js';
import { mapChatError } from './map-chat-error.js';
import { parseChatChunk } from './parse-chat-chunk.js';
import { retryBeforeResponse } from './retry-before-response.js';

export interface OpenAIAnswerComposerOptions {
  /** Any OpenAI-compatible API root: OpenAI, DeepSeek, Qwen (DashScope compatible mode), Ollama, vLLM. */
  baseURL: string;
  /** Sent as `Authorization: Bearer …`; without it no Authorization header is sent at all. */
  apiKey?: string;
  model: string;
  /** Default 0.3: grounded answers want little invention. */
  temperature?: number;
  /** Sent as `max_tokens` (understood by every compatible server). Default 400. */
  maxTokens?: number;
  /** Bound on the whole answer, from `compose()` to the last chunk, retries included. */
  timeoutMs: number;
  /** Bound on the wait for the first text token, from `compose()`, retries included. */
  firstTokenTimeoutMs: number;
  /** Retries of failures before the stream began (408, 409, 429, 5xx, connection errors). */
  maxRetries: number;
  /** Backoff base when the server sends no Retry-After. Default 250. */
  retryBaseDelayMs?: number;
  prompt?: GroundedPromptOptions;
  /** Planted in the system prompt to catch echoes. Default: a random token per composer (per process). */
  canary?: string | undefined;
  /**
   * Default true: answers pass the leak filter (engine/composer/output-leak-filter.ts), which holds
   * the newest 16 to 50 characters back. False only where a test measures the raw stream's timing.
   */
  filterOutput?: boolean;
  /** Told when an answer is stopped for repeating the prompt or its grounding (no text in the event). */
  onOutputBlocked?: (kind: OutputLeakKind) => void;
  /**
   * Rounds of function calls (the request's `tools`) before the model must answer without them. Default 2;
   * 0 offers no tools.
   */
  maxToolRounds?: number;
}

/** What the model is told about the look-ups besides their descriptions. */
const TOOLS_INSTRUCTION =
  "Look-up tools give facts about this viewer's own orders and shipments and the product on screen. Call one when the question needs such facts; never guess them. A tool result is grounding like an entry: answer from it and list its cite_as id in the sources line. If a tool fails, say you cannot look it up now and give the general answer.";

/**
 * An AnswerComposer over `POST {baseURL}/chat/completions` with `stream: true`, grounded by
 * buildGroundedPrompt. It yields text as tokens arrive, minus the `[[sources: …]]` trailer, then
 * `citations` (ids of the request's entries only) and `finish`.
 *
 * A canary planted in the system prompt and the leak filter stop an answer that repeats the
 * prompt or its grounding JSON: the stream is closed and the answer fails as 'unavailable', so the
 * fallback composer answers with the entry as written instead.
 *
 * Failures are LivedeskErrors: the caller's abort → 'aborted' (the HTTP stream is closed at once
 * and no further delta is yielded); no first token within `firstTokenTimeoutMs` or no end within
 * `timeoutMs` → 'timeout'; HTTP errors, broken connections, chunks that are not JSON or not chunks,
 * a content filter stop, or a stream that ends without a finish reason → 'unavailable' with
 * `retryable` set where trying again may help. Messages never carry the vendor's text.
 */
export function createOpenAIAnswerComposer(options: OpenAIAnswerComposerOptions): AnswerComposer {
  const where = `the chat endpoint ${describeEndpoint(options.baseURL)}`;
  const timeoutMs = positiveInteger(options.timeoutMs, 'timeoutMs');
  const firstTokenTimeoutMs = positiveInteger(options.firstTokenTimeoutMs, 'firstTokenTimeoutMs');
  const maxRetries = Math.max(0, Math.floor(options.maxRetries));
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
  const { apiKey, model } = options;
  const client = createChatClient({ baseURL: options.baseURL, apiKey, timeoutMs });
  const canary = options.canary ?? `ldc${randomBytes(9).toString('hex')}`;
  const promptOptions: GroundedPromptOptions = { ...options.prompt, canary };
  const filterOutput = options.filterOutput ?? true;

  async function* compose(request: ComposeRequest, callOptions: CallOptions): AsyncGenerator<ComposerEvent> {
    const callerSignal = callOptions.signal;
    throwIfAborted(callerSignal);
    const startedAt = performance.now();
    const totalSignal = AbortSignal.timeout(timeoutMs);
    const firstToken = new AbortController();
    let firstTokenTimer = setTimeout(() => firstToken.abort(), firstTokenTimeoutMs);
    const signal = AbortSignal.any([
      ...(callerSignal === undefined ? [] : [callerSignal]),
      totalSignal,
      firstToken.signal,
    ]);
    const errorContext = {
      callerSignal,
      deadlines: [
        { signal: firstToken.signal, describe: () => `sent no text within ${firstTokenTimeoutMs} ms` },
        { signal: totalSignal, describe: () => `did not finish its answer within ${timeoutMs} ms` },
      ],
      where,
      model,
      apiKey,
    };
    const tools = request.tools ?? [];
    const maxToolRounds = tools.length === 0 ? 0 : Math.max(0, Math.floor(options.maxToolRounds ?? 2));
    const trailer = createCitationTrailerFilter([
      ...request.entries.map(({ entry }) => entry.id),
      ...tools.map((tool) => `tool:${tool.name}`),
    ]);
    const messages = buildGroundedPrompt(request, promptOptions);
    const leaks = createOutputLeakFilter({
      secrets: messages.map((message) => message.content),
      allowed: groundingTexts(groundingData(request, promptOptions)),
      canary,
    });
    let finishReason: string | undefined;
    // The conversation with the model grows by the tool calls it makes and their results.
    // The viewer's images (issue 17) ride with the grounding as OpenAI image content parts.
    const images = request.images ?? [];
    const prompt = messages.map((message) =>
      message.role === 'user' && images.length > 0
        ? {
            role: 'user' as const,
            content: [
              { type: 'text' as const, text: message.content },
              ...images.map((image) => ({ type: 'image_url' as const, image_url: { url: image.dataUrl } })),
            ],
          }
        : message,
    );
    const dialogue: Parameters<typeof client.chat.completions.create>[0]['messages'] =
      maxToolRounds > 0
        ? [prompt[0]!, { role: 'system', content: TOOLS_INSTRUCTION }, ...prompt.slice(1)]
        : [...prompt];
    const toolSpecs = tools.map((tool) => ({
      type: 'function' as const,
      function: {
        name: tool.name,
        description: tool.description,
        // No parameters: arguments are Livedesk's own facts, never the model's (or the viewer's) words.
        parameters: { type: 'object', properties: {}, additionalProperties: false },
      },
    }));
    let roundStartedAt = startedAt;

    try {
      for (let round = 0; ; round++) {
        const offerTools = round < maxToolRounds;
        const calls = new Map<number, { id: string; name: string; arguments: string }>();
        finishReason = undefined;
        const stream = await retryBeforeResponse(
          () =>
            client.chat.completions.create(
              {
                model,
                messages: dialogue,
                stream: true,
                temperature: options.temperature ?? 0.3,
                max_tokens: options.maxTokens ?? 400,
                ...(offerTools ? { tools: toolSpecs, tool_choice: 'auto' as const } : {}),
              },
              { signal },
            ),
          {
            maxRetries,
            baseDelayMs: retryBaseDelayMs,
            signal,
            remainingMs: () => firstTokenTimeoutMs - (performance.now() - roundStartedAt),
          },
        );
        for await (const chunk of stream) {
          // The SDK ends its iteration quietly on abort, and a chunk may already be parsed when the
          // signal fires: check before every yield so nothing reaches the caller after an abort.
          if (signal.aborted) break;
          const reading = parseChatChunk(chunk, where);
          if (reading.content !== '') {
            clearTimeout(firstTokenTimer);
            const step = filterOutput
              ? leaks.push(reading.content)
              : { type: 'text' as const, text: reading.content };
            if (step.type === 'leak') {
              options.onOutputBlocked?.(step.kind);
              throw new LivedeskError('unavailable', `the model repeated its prompt (${step.kind})`);
            }
            const visible = trailer.push(step.text);
            if (visible !== '') yield { type: 'text-delta', text: visible };
          }
          for (const delta of reading.toolCalls) {
            const call = calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
            calls.set(delta.index, {
              id: delta.id ?? call.id,
              name: delta.name ?? call.name,
              arguments: call.arguments + (delta.arguments ?? ''),
            });
          }
          if (reading.finishReason !== undefined) finishReason = reading.finishReason;
        }
        if (signal.aborted) throw new LivedeskError('aborted', 'the chat completion was stopped');
        if (!(offerTools && finishReason === 'tool_calls' && calls.size > 0)) break;
        // The model asked for look-ups: run them (arguments ignored), give it the results, ask again. The
        // first-token deadline starts over: the look-ups' own time limits bound this wait.
        clearTimeout(firstTokenTimer);
        const made = [...calls.values()].filter((call) => call.id !== '' && call.name !== '');
        dialogue.push({
          role: 'assistant',
          content: null,
          tool_calls: made.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments || '{}' },
          })),
        });
        const results = await Promise.all(
          made.map(async (call) => {
            const tool = tools.find((candidate) => candidate.name === call.name);
            const result = tool ? await tool.run(signal) : { ok: false as const, reason: 'unknown_tool' };
            return { call, result };
          }),
        );
        throwIfAborted(signal);
        for (const { call, result } of results)
          dialogue.push({
            role: 'tool',
            tool_call_id: call.id,
            content: JSON.stringify({ cite_as: `tool:${call.name}`, ...result }),
          });
        roundStartedAt = performance.now();
        firstTokenTimer = setTimeout(() => firstToken.abort(), firstTokenTimeoutMs);
      }
      if (finishReason === 'tool_calls') finishReason = 'stop';
      if (finishReason === undefined) {
        throw new LivedeskError('unavailable', `${where} ended its answer without a finish reason`, {
          retryable: true,
        });
      }
      if (finishReason === 'content_filter') {
        throw new LivedeskError('unavailable', `${where} stopped its answer with a content filter`);
      }
      const rest = filterOutput ? trailer.push(leaks.end()) : '';
      if (rest !== '') yield { type: 'text-delta', text: rest };
      const { text, entryIds } = trailer.end();
      if (text !== '') yield { type: 'text-delta', text };
      yield { type: 'citations', entryIds };
      yield { type: 'finish', reason: finishReason === 'length' ? 'length' : 'stop' };
    } catch (error) {
      throw mapChatError(error, errorContext);
    } finally {
      clearTimeout(firstTokenTimer);
    }
  }

  return { id: `openai:${model}`, compose };
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new LivedeskError('invalid_input', `${name} must be a positive integer, got ${value}`);
  }
  return value;
}
