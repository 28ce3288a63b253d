import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translateWithin } from '../../engine/language/message-translator.js';
import { startOpenAICompatibleServer } from '../../test/support/openai-compatible-server.js';
import type { OpenAICompatibleServer } from '../../test/support/openai-compatible-server.js';
import { createOpenAIMessageTranslator } from './openai-message-translator.js';

describe('createOpenAIMessageTranslator', () => {
  let server: OpenAICompatibleServer;

  beforeEach(async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'key' });
  });

  afterEach(async () => {
    await server.close();
  });

  function translator(timeoutMs = 2_000, maxChars?: number) {
    return createOpenAIMessageTranslator({
      baseURL: server.baseURL,
      apiKey: 'key',
      model: 'deepseek-chat',
      timeoutMs,
      ...(maxChars === undefined ? {} : { maxChars }),
    });
  }

  it('translates, sending the message as data and naming the target language', async () => {
    server.chat.enqueue({ content: '  我的礼物没有到账  ' });
    const outcome = await translateWithin(translator(), { text: 'ギフトが届きません', to: 'zh' }, 3_000);
    expect(outcome).toEqual({ ok: true, text: '我的礼物没有到账' });
    const body = server.chat.requests[0]?.body as { messages: { role: string; content: string }[] };
    expect(body.messages[0]?.content).toContain('Chinese');
    expect(body.messages[0]?.content).not.toContain('ギフト');
    expect(JSON.parse(body.messages[1]?.content ?? '')).toEqual({ text: 'ギフトが届きません' });
  });

  it('fails on an HTTP error, so the original goes through', async () => {
    server.chat.enqueue({ failure: { kind: 'status', status: 500 } });
    const outcome = await translateWithin(translator(), { text: '好的', to: 'ja' }, 3_000);
    expect(outcome.ok).toBe(false);
  });

  it('gives up on a slow endpoint within the budget and hangs up', async () => {
    server.chat.enqueue({ headersDelayMs: 5_000, content: 'late' });
    const startedAt = performance.now();
    const outcome = await translateWithin(translator(10_000), { text: '好的', to: 'ja' }, 300);
    expect(outcome).toEqual({ ok: false, reason: 'no translation within 300 ms' });
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    const closed = await server.chat.closed(0);
    expect(closed.clientClosedEarly).toBe(true);
  });

  it('refuses an empty or over-long answer', async () => {
    server.chat.enqueue({ content: '   ' }, { content: 'x'.repeat(50) });
    expect((await translateWithin(translator(), { text: 'hi', to: 'zh' }, 3_000)).ok).toBe(false);
    expect((await translateWithin(translator(2_000, 20), { text: 'hi', to: 'zh' }, 3_000)).ok).toBe(false);
  });

  it('passes the original through when no translator is configured', async () => {
    expect(await translateWithin(undefined, { text: 'hi', to: 'zh' }, 3_000)).toEqual({
      ok: false,
      reason: 'no translator is configured',
    });
  });
});
