import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIAnswerComposer } from '../../adapters/openai/openai-answer-composer.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { openConversationHarness, type ConversationHarness } from '../support/conversation-harness.js';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from './conversation-fixtures.js';

let llm: OpenAICompatibleServer;
let harness: ConversationHarness | undefined;

beforeAll(async () => {
  llm = await startOpenAICompatibleServer();
});
afterAll(async () => {
  await llm.close();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function open(
  options: { firstTokenTimeoutMs?: number; withLlm?: boolean } = {},
): Promise<ConversationHarness> {
  const composer =
    options.withLlm === false
      ? undefined
      : createOpenAIAnswerComposer({
          baseURL: llm.baseURL,
          model: 'test-model',
          timeoutMs: 5_000,
          firstTokenTimeoutMs: options.firstTokenTimeoutMs ?? 2_000,
          maxRetries: 0,
        });
  harness = await openConversationHarness({
    entries: CONVERSATION_KNOWLEDGE,
    detectSignals: realSignals(),
    ...(composer ? { composer } : {}),
  });
  return harness;
}

function deltasAfter(events: readonly ConversationEvent[], index: number, turnId: string): number {
  return events.slice(index).filter((event) => event.type === 'text-delta' && event.turnId === turnId).length;
}

describe('text barge-in', () => {
  it('drops the stale answer when the viewer writes again, closes the LLM stream and answers both messages together', async () => {
    const chat = await open();
    const tokens = [
      '进入',
      '我的',
      ' > ',
      '钱包',
      ' > ',
      '充值',
      '，',
      '选择',
      '金额',
      '付款',
      '即可',
      '。',
      '[[sources: coins.top-up]]',
    ];
    llm.chat.enqueue(
      { tokens, tokenDelayMs: 60 },
      { content: '在登录页点“忘记密码”重置。[[sources: account.password]]' },
    );
    const requestsBefore = llm.chat.requests.length;
    chat.conversation.viewerMessage('怎么充值金币');
    const firstDelta = await chat.waitFor('text-delta');
    chat.conversation.viewerMessage('算了，我忘记密码了怎么办');
    const interruptedAt = chat.events.length;
    const end = await chat.waitFor('turn-end', (event) => event.turnId === firstDelta.turnId);
    expect(end.reason).toBe('interrupted');

    const closed = await llm.chat.closed(requestsBefore);
    expect(closed.clientClosedEarly).toBe(true);
    const second = await chat.waitFor('turn-end', (event) => event.turnId !== firstDelta.turnId);
    expect(second.reason).toBe('done');
    expect(deltasAfter(chat.events, interruptedAt, firstDelta.turnId)).toBe(0);
    expect(chat.textOf(second.turnId)).toBe('在登录页点“忘记密码”重置。');

    const secondRequest = JSON.stringify(llm.chat.requests[requestsBefore + 1]?.body);
    expect(secondRequest).toContain('怎么充值金币');
    expect(secondRequest).toContain('忘记密码了怎么办');
    const interruptedLine = chat.conversation.transcript.find((line) => line.interrupted);
    expect(interruptedLine?.text).toBe(end.delivered);
    expect(end.delivered.length).toBeGreaterThan(0);
    expect('进入我的 > 钱包 > 充值，选择金额付款即可。'.startsWith(end.delivered)).toBe(true);
  });

  it('cites only entries it was given and streams the LLM answer as it comes', async () => {
    const chat = await open();
    llm.chat.enqueue({
      content: 'Go to Me > Wallet > Top up. [[sources: coins.top-up, admin.secrets]]',
      tokenDelayMs: 5,
    });
    chat.conversation.viewerMessage('where can I buy coins');
    const source = await chat.waitFor('answer-source');
    expect(source).toMatchObject({ composer: 'llm', entryIds: ['coins.top-up'] });
    const end = await chat.waitFor('turn-end');
    expect(end.delivered).toBe('Go to Me > Wallet > Top up.');
    expect(chat.events.filter((event) => event.type === 'text-delta').length).toBeGreaterThan(3);
  });
});

describe('LLM failures', () => {
  it('sends the entry as written when the LLM does not start in time', async () => {
    const chat = await open({ firstTokenTimeoutMs: 150 });
    llm.chat.enqueue({ content: 'too late', firstTokenDelayMs: 1_000 });
    chat.conversation.viewerMessage('怎么充值金币');
    const end = await chat.waitFor('turn-end');
    expect(end).toMatchObject({ reason: 'done', delivered: '进入 我的 > 钱包 > 充值，选择金额付款即可。' });
    expect(await chat.waitFor('answer-source')).toMatchObject({ composer: 'entry' });
  });

  it('sends the entry as written when the LLM answers 500', async () => {
    const chat = await open();
    llm.chat.enqueue({ failure: { kind: 'status', status: 500, message: 'secret vendor stack trace' } });
    chat.conversation.viewerMessage('how do I reset my password');
    const end = await chat.waitFor('turn-end');
    expect(end.delivered).toBe('Tap "Forgot password" on the login page.');
    expect(JSON.stringify(chat.events)).not.toContain('secret vendor');
  });

  it('follows a half-finished answer with the entry when the stream breaks', async () => {
    const chat = await open();
    // Long enough that part of it passes the output filter's hold-back before the stream breaks.
    llm.chat.enqueue({
      content: 'Go to Me, open the Wallet page, choose a coin pack and then',
      failure: { kind: 'malformed-chunk', afterTokens: 10 },
    });
    chat.conversation.viewerMessage('where can I buy coins');
    const end = await chat.waitFor('turn-end');
    expect(end.delivered).toContain('Go to Me, open');
    expect(end.delivered).toContain('Something went wrong on my side');
    expect(end.delivered).toContain('Go to Me > Wallet > Top up and pay.');
  });

  it('sends only the entry when the stream breaks before any of it reached the viewer', async () => {
    const chat = await open();
    llm.chat.enqueue({ content: 'Go to Me and then', failure: { kind: 'malformed-chunk', afterTokens: 3 } });
    chat.conversation.viewerMessage('where can I buy coins');
    const end = await chat.waitFor('turn-end');
    expect(end.delivered).not.toContain('Something went wrong on my side');
    expect(end.delivered).toContain('Go to Me > Wallet > Top up and pay.');
  });
});

describe('voice barge-in', () => {
  async function speakingAnswer(chat: ConversationHarness): Promise<string> {
    chat.conversation.viewerMessage('怎么充值金币', 'voice');
    const end = await chat.waitFor('turn-end');
    chat.conversation.playback({ state: 'speaking', playedChars: 4 });
    return end.turnId;
  }

  it('keeps talking through backchannels and coughs', async () => {
    const chat = await open({ withLlm: false });
    await speakingAnswer(chat);
    const before = chat.events.length;
    chat.conversation.voiceTranscript({ text: '嗯嗯', final: false, durationMs: 300 });
    chat.conversation.voiceTranscript({ text: '嗯嗯', final: true, durationMs: 400 });
    chat.conversation.voiceTranscript({ text: 'uh-huh', final: true, durationMs: 350 });
    chat.conversation.voiceTranscript({ text: '[咳]', final: false, durationMs: 150 });
    expect(chat.events.slice(before)).toEqual([]);
  });

  it('stops speech on real words, then takes the final transcript as the next question', async () => {
    const chat = await open({ withLlm: false });
    const firstTurn = await speakingAnswer(chat);
    chat.conversation.voiceTranscript({ text: '等一下', final: false, durationMs: 600 });
    expect(chat.events.at(-1)).toEqual({ type: 'speech-stop', turnId: firstTurn });
    chat.conversation.voiceTranscript({ text: '等一下，我忘记密码了怎么办', final: true, durationMs: 1800 });
    const answer = await chat.waitFor('answer-source', (event) => event.turnId !== firstTurn);
    expect(answer.entryIds).toEqual(['account.password']);
    const heard = chat.conversation.transcript.find((line) => line.turnId === firstTurn);
    expect(heard).toMatchObject({ text: '进入 我', interrupted: true });
    expect(chat.events.filter((event) => event.type === 'speech-resume')).toEqual([]);
  });

  it('resumes the answer when no final transcript follows a false start', async () => {
    const chat = await open({ withLlm: false });
    const turnId = await speakingAnswer(chat);
    chat.conversation.voiceTranscript({ text: 'wait what', final: false, durationMs: 600 });
    expect(chat.events.at(-1)).toEqual({ type: 'speech-stop', turnId });
    chat.scheduler.advance(1_999);
    expect(chat.events.at(-1)?.type).toBe('speech-stop');
    chat.scheduler.advance(1);
    expect(chat.events.at(-1)).toEqual({ type: 'speech-resume', turnId });
    expect(chat.events.filter((event) => event.type === 'turn-start')).toHaveLength(1);
  });

  it('speaks an uninterruptible price to the end and answers what was said over it afterwards', async () => {
    const chat = await open({ withLlm: false });
    chat.conversation.viewerMessage('秒杀羽绒服多少钱', 'voice');
    const end = await chat.waitFor('turn-end');
    const held = chat.events.filter((event) => event.type === 'text-delta' && event.uninterruptible);
    expect(held.map((event) => (event.type === 'text-delta' ? event.text : ''))).toEqual([
      '199 元，每人限购一件',
    ]);
    chat.conversation.playback({ state: 'speaking', uninterruptible: true });
    const before = chat.events.length;
    chat.conversation.voiceTranscript({ text: '忘记密码了怎么办', final: false, durationMs: 900 });
    chat.conversation.voiceTranscript({ text: '忘记密码了怎么办', final: true, durationMs: 1200 });
    expect(chat.events.slice(before)).toEqual([]);
    chat.conversation.playback({ state: 'speaking', uninterruptible: false });
    const answer = await chat.waitFor('answer-source', (event) => event.turnId !== end.turnId);
    expect(answer.entryIds).toEqual(['account.password']);
  });

  it('is never left speaking after an interruption', async () => {
    const chat = await open({ withLlm: false });
    await speakingAnswer(chat);
    chat.conversation.voiceTranscript({ text: '我想问一下忘记密码了怎么办', final: true, durationMs: 1500 });
    await chat.waitFor('answer-source', (event) => event.entryIds[0] === 'account.password');
    await chat.conversation.idle();
    const before = chat.events.length;
    // The client never reported playback for the new answer: a later interim is not heard as barge-in.
    chat.conversation.voiceTranscript({ text: '好的谢谢你', final: false, durationMs: 900 });
    expect(chat.events.slice(before).filter((event) => event.type === 'speech-stop')).toEqual([]);
  });
});
