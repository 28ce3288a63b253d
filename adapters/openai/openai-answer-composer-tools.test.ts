import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComposerTool } from '../../engine/ports.js';
import { composeRequest } from '../../test/support/compose-request-fixtures.js';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../../test/support/openai-compatible-server.js';
import { collectEvents } from '../../test/support/scripted-answer-composer.js';
import { createOpenAIAnswerComposer } from './openai-answer-composer.js';

interface ChatBody {
  tools?: unknown;
  messages: { role: string; content: string; tool_call_id?: string; tool_calls?: unknown }[];
}

/** The composer's function calling (issue 15) against a local server speaking OpenAI's tool_calls, streamed. */
describe('the OpenAI composer with commerce tools', () => {
  let server: OpenAICompatibleServer;
  beforeEach(async () => {
    server = await startOpenAICompatibleServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const composer = (maxToolRounds?: number) =>
    createOpenAIAnswerComposer({
      baseURL: server.baseURL,
      model: 'qwen-plus',
      timeoutMs: 5_000,
      firstTokenTimeoutMs: 2_000,
      maxRetries: 0,
      filterOutput: false,
      ...(maxToolRounds !== undefined ? { maxToolRounds } : {}),
    });

  function orderTool(result: Awaited<ReturnType<ComposerTool['run']>>): ComposerTool & { runs: number } {
    const tool = {
      name: 'order',
      description: "The viewer's latest order",
      runs: 0,
      run: (signal: AbortSignal) => {
        expect(signal).toBeInstanceOf(AbortSignal);
        tool.runs += 1;
        return Promise.resolve(result);
      },
    };
    return tool;
  }

  it('calls the tool the model asks for, gives it the result, and cites the tool like an entry', async () => {
    const tool = orderTool({ ok: true, fields: { id: 'DS100200', carrier: '顺丰速运' } });
    server.chat.enqueue(
      { content: '', toolCalls: [{ id: 'call_1', name: 'order', arguments: '{"userId":"someone-else"}' }] },
      { content: '您的订单 DS100200 由顺丰速运配送。[[sources: tool:order]]' },
    );
    const { events, text, error } = await collectEvents(
      composer().compose(composeRequest({ tools: [tool] }), {}),
    );
    expect(error).toBeUndefined();
    expect(text).toBe('您的订单 DS100200 由顺丰速运配送。');
    expect(events).toContainEqual({ type: 'citations', entryIds: ['tool:order'] });
    expect(tool.runs).toBe(1);
    const [first, second] = server.chat.requests.map((request) => request.body as ChatBody);
    // Offered without parameters: the model picks a look-up, never what it is called with.
    expect(first!.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'order',
          description: "The viewer's latest order",
          parameters: { type: 'object', properties: {}, additionalProperties: false },
        },
      },
    ]);
    const toolMessage = second!.messages.at(-1)!;
    expect(toolMessage).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(JSON.parse(toolMessage.content)).toEqual({
      cite_as: 'tool:order',
      ok: true,
      fields: { id: 'DS100200', carrier: '顺丰速运' },
    });
    expect(second!.messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_1' }] });
  });

  it('tells the model a failed look-up failed, without its error text', async () => {
    const tool = orderTool({ ok: false, reason: 'timeout' });
    server.chat.enqueue(
      { toolCalls: [{ id: 'call_1', name: 'order' }], content: '' },
      { content: '暂时查不到订单。' },
    );
    await collectEvents(composer().compose(composeRequest({ tools: [tool] }), {}));
    const last = (server.chat.requests[1]!.body as { messages: { content: string }[] }).messages.at(-1)!;
    expect(JSON.parse(last.content)).toEqual({ cite_as: 'tool:order', ok: false, reason: 'timeout' });
  });

  it('stops offering tools after the allowed rounds, so the model must answer', async () => {
    const tool = orderTool({ ok: true, fields: { id: 'DS1' } });
    server.chat.enqueue(
      { content: '', toolCalls: [{ id: 'call_1', name: 'order' }] },
      { content: '', toolCalls: [{ id: 'call_2', name: 'order' }] },
      { content: '好的。' },
    );
    const { events } = await collectEvents(composer(2).compose(composeRequest({ tools: [tool] }), {}));
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const bodies = server.chat.requests.map((request) => request.body as Record<string, unknown>);
    expect(bodies.map((body) => 'tools' in body)).toEqual([true, true, false]);
    expect(tool.runs).toBe(2);
  });

  it('offers no tools when there are none, as before', async () => {
    server.chat.enqueue({ content: 'ok' });
    await collectEvents(composer().compose(composeRequest(), {}));
    expect('tools' in (server.chat.requests[0]!.body as object)).toBe(false);
  });
});
