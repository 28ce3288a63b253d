import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComposerMessage } from '../../engine/ports.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { startOpenAICompatibleServer } from '../../test/support/openai-compatible-server.js';
import type { OpenAICompatibleServer } from '../../test/support/openai-compatible-server.js';
import type { OpenAIConversationSummarizerOptions } from './openai-conversation-summarizer.js';
import { createOpenAIConversationSummarizer } from './openai-conversation-summarizer.js';

const transcript: ComposerMessage[] = [
  { role: 'viewer', text: '我充值了金币没到账' },
  { role: 'assistant', text: '请下拉刷新钱包。' },
  { role: 'viewer', text: '刷新了还是没有！！' },
];

const goodSummary = {
  summary: '观众充值后金币未到账，刷新无效。',
  viewerGoal: '拿到已付款的金币',
  triedEntryIds: ['coins.top-up-not-arrived', 'made.up'],
  sentiment: 'Angry',
};

describe('createOpenAIConversationSummarizer', () => {
  let server: OpenAICompatibleServer;

  beforeEach(async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'key' });
  });

  afterEach(async () => {
    await server.close();
  });

  function summarizer(options: Partial<OpenAIConversationSummarizerOptions> = {}) {
    return createOpenAIConversationSummarizer({
      baseURL: server.baseURL,
      apiKey: 'key',
      model: 'deepseek-chat',
      timeoutMs: 2_000,
      maxRetries: 1,
      retryBaseDelayMs: 5,
      ...options,
    });
  }

  it('returns the checked summary, keeping only entry ids it was told about', async () => {
    server.chat.enqueue({ content: JSON.stringify(goodSummary) });
    const summary = await summarizer().summarizeStructured(transcript, {
      knownEntryIds: ['coins.top-up-not-arrived'],
    });
    expect(summary).toEqual({
      summary: '观众充值后金币未到账，刷新无效。',
      viewerGoal: '拿到已付款的金币',
      triedEntryIds: ['coins.top-up-not-arrived'],
      sentiment: 'angry',
    });
  });

  it('asks for JSON, non-streamed, with the transcript as data in the user message', async () => {
    server.chat.enqueue({ content: JSON.stringify(goodSummary) });
    await summarizer({ agentLocale: 'en' }).summarizeStructured(transcript, { knownEntryIds: ['a'] });
    const body = server.chat.requests[0]?.body as {
      messages: { role: string; content: string }[];
      response_format?: unknown;
      stream?: unknown;
    };
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.stream).toBeUndefined();
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(body.messages[0]?.content).not.toContain('金币');
    expect(body.messages[0]?.content).toContain('in English');
    expect(JSON.parse(body.messages[1]?.content ?? '')).toEqual({
      known_entry_ids: ['a'],
      conversation: transcript.map((message) => ({ from: message.role, text: message.text })),
    });
  });

  it('leaves response_format out when jsonMode is off, and accepts a fenced answer', async () => {
    server.chat.enqueue({ content: `\`\`\`json\n${JSON.stringify(goodSummary)}\n\`\`\`` });
    const summary = await summarizer({ jsonMode: false }).summarizeStructured(transcript, {});
    expect(summary.triedEntryIds).toEqual([]);
    expect((server.chat.requests[0]?.body as Record<string, unknown>).response_format).toBeUndefined();
  });

  it('gives the port a plain-text summary', async () => {
    server.chat.enqueue({ content: JSON.stringify(goodSummary) });
    const text = await summarizer().summarize(transcript, {});
    expect(text).toBe('观众充值后金币未到账，刷新无效。\nGoal: 拿到已付款的金币\nSentiment: angry');
  });

  it.each([
    ['not JSON', 'The viewer is angry about coins.', 'not JSON'],
    ['the wrong shape', JSON.stringify({ ...goodSummary, sentiment: 'furious' }), 'wrong shape'],
    ['a missing field', JSON.stringify({ summary: 'x' }), 'wrong shape'],
    ['nothing', '', 'empty summary'],
  ])(
    'throws when the answer is %s, so the engine keeps its extractive summary',
    async (_name, content, fragment) => {
      server.chat.enqueue({ tokens: [content] });
      const error = await summarizer()
        .summarizeStructured(transcript, {})
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LivedeskError);
      expect(error).toMatchObject({ code: 'unavailable' });
      expect((error as Error).message).toContain(fragment);
    },
  );

  it('retries a 503 once, then succeeds', async () => {
    server.chat.enqueue(
      { failure: { kind: 'status', status: 503, retryAfterMs: 5 } },
      { content: JSON.stringify(goodSummary) },
    );
    await expect(summarizer().summarizeStructured(transcript, {})).resolves.toMatchObject({
      sentiment: 'angry',
    });
    expect(server.chat.requests).toHaveLength(2);
  });

  it('times out as a retryable LivedeskError', async () => {
    server.chat.respondWith(() => ({ content: JSON.stringify(goodSummary), firstTokenDelayMs: 2_000 }));
    await expect(summarizer({ timeoutMs: 50 }).summarize(transcript, {})).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });

  it('closes the request when aborted', async () => {
    server.chat.enqueue({ content: JSON.stringify(goodSummary), firstTokenDelayMs: 2_000 });
    const controller = new AbortController();
    void server.chat.arrived(0).then(() => controller.abort());
    await expect(summarizer().summarize(transcript, { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect((await server.chat.closed(0)).clientClosedEarly).toBe(true);
  });
});
