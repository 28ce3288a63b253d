import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIEscalationJudge } from '../../adapters/openai/openai-escalation-judge.js';
import { JudgeConfigSchema } from '../../engine/signals/judge/judge-config.js';
import { createTurnJudge, type JudgeFallback } from '../../engine/signals/judge/turn-judge.js';
import { SensitiveTopicsConfigSchema } from '../../engine/signals/sensitive-topics-config.js';
import type { EscalationVerdict } from '../../engine/ports.js';
import { openConversationHarness, type ConversationHarness } from '../support/conversation-harness.js';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from './conversation-fixtures.js';

/** Indirect: no word list hears a request for a person in it. */
const INDIRECT_REQUEST = 'is there anybody over there who can actually look at my account';
const calm: EscalationVerdict = { wantsPerson: false, anger: 0.1, sensitive: null, language: 'zh-Hans' };
const wantsPerson: EscalationVerdict = { wantsPerson: true, anger: 0.3, sensitive: null, language: 'en' };

let llm: OpenAICompatibleServer;
let harness: ConversationHarness | undefined;
let fallbacks: JudgeFallback['reason'][];

beforeAll(async () => {
  llm = await startOpenAICompatibleServer();
});
afterAll(async () => {
  await llm.close();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  llm.chat.respondWith(undefined);
});

/** A conversation whose turns ask the judge on the local server (no composer: entries go as written). */
async function open(judgeTimeoutMs = 2_000): Promise<ConversationHarness> {
  fallbacks = [];
  const judge = createTurnJudge({
    judge: createOpenAIEscalationJudge({ baseURL: llm.baseURL, model: 'judge-model', timeoutMs: 5_000 }),
    config: JudgeConfigSchema.parse({ timeoutMs: judgeTimeoutMs }),
    sensitive: SensitiveTopicsConfigSchema.parse({}),
    onFallback: (fallback) => fallbacks.push(fallback.reason),
  });
  harness = await openConversationHarness({
    entries: CONVERSATION_KNOWLEDGE,
    detectSignals: realSignals(),
    judge,
  });
  return harness;
}

const json = (verdict: EscalationVerdict) => ({ content: JSON.stringify(verdict) });

describe('the LLM escalation judge in a conversation', () => {
  it('hands an indirect request the word lists miss to a person, with the judge’s evidence on the card', async () => {
    const chat = await open();
    llm.chat.enqueue(json(wantsPerson));
    const before = llm.chat.requests.length;
    chat.conversation.viewerMessage(INDIRECT_REQUEST);
    const end = await chat.waitFor('turn-end');
    expect(end.reason).toBe('done');
    const packet = chat.conversation.handoffPacket;
    expect(packet?.reasons).toContain('human_request');
    expect(packet?.details).toContain('asked for a person (llm:wants a person)');
    expect(llm.chat.requests).toHaveLength(before + 1);
    expect(fallbacks).toEqual([]);
  });

  it('routes a sensitive matter only the judge names to its team instead of answering', async () => {
    const chat = await open();
    llm.chat.enqueue(json({ ...calm, sensitive: 'off_platform_payment' }));
    chat.conversation.viewerMessage('主播说直接给他付款可以打五折，怎么充值金币');
    const end = await chat.waitFor('turn-end');
    expect(end.delivered).toBe('');
    const packet = chat.conversation.handoffPacket;
    expect(packet).toMatchObject({ team: 'trust-safety', priority: 'high', reasons: ['sensitive'] });
    expect(packet?.details).toEqual(['sensitive: off_platform_payment (llm)']);
  });

  it('goes on with the offline signals when the judge is slower than its time box, and closes its request', async () => {
    const chat = await open(150);
    llm.chat.enqueue({ ...json(wantsPerson), firstTokenDelayMs: 5_000 });
    const before = llm.chat.requests.length;
    const sentAt = performance.now();
    chat.conversation.viewerMessage('怎么充值金币');
    const end = await chat.waitFor('turn-end');
    expect(end).toMatchObject({ reason: 'done', delivered: '进入 我的 > 钱包 > 充值，选择金额付款即可。' });
    // The answer came long before the judge would have; a generous bound, not a timing test.
    expect(performance.now() - sentAt).toBeLessThan(4_000);
    const request = await llm.chat.closed(before);
    expect(request.clientClosedEarly).toBe(true);
    expect(chat.conversation.handoffPacket).toBeUndefined();
    expect(fallbacks).toEqual(['timeout']);
  });

  it.each([
    ['answers with something that is not JSON', { content: 'The viewer seems to want a person.' }],
    ['answers with the wrong shape', { content: JSON.stringify({ ...wantsPerson, anger: 'very' }) }],
    ['fails with HTTP 500', { failure: { kind: 'status' as const, status: 500 } }],
  ])('answers from the offline signals when the judge %s', async (_name, reply) => {
    const chat = await open();
    llm.chat.enqueue(reply);
    chat.conversation.viewerMessage('怎么充值金币');
    const end = await chat.waitFor('turn-end');
    expect(end).toMatchObject({ reason: 'done', delivered: '进入 我的 > 钱包 > 充值，选择金额付款即可。' });
    expect(fallbacks).toEqual(['error']);
  });

  it('judges the same words once, however often the viewer sends them', async () => {
    const chat = await open();
    llm.chat.respondWith(() => json(calm));
    const before = llm.chat.requests.length;
    chat.conversation.viewerMessage('怎么充值金币');
    const first = await chat.waitFor('turn-end');
    chat.conversation.viewerMessage('怎么充值金币');
    await chat.waitFor('turn-end', (event) => event.turnId !== first.turnId);
    expect(llm.chat.requests).toHaveLength(before + 1);
  });

  it('closes the judge’s request when the viewer interrupts, and judges both messages together', async () => {
    const chat = await open(3_000);
    llm.chat.enqueue({ ...json(calm), firstTokenDelayMs: 5_000 }, json(calm));
    const before = llm.chat.requests.length;
    chat.conversation.viewerMessage('怎么充值金币');
    await llm.chat.arrived(before);
    chat.conversation.viewerMessage('算了，我忘记密码了怎么办');
    expect((await llm.chat.closed(before)).clientClosedEarly).toBe(true);
    const ends = [await chat.waitFor('turn-end')];
    ends.push(await chat.waitFor('turn-end', (event) => event.turnId !== ends[0]?.turnId));
    expect(ends.map((end) => end.reason)).toEqual(['interrupted', 'done']);
    const second = JSON.stringify(llm.chat.requests[before + 1]?.body);
    expect(second).toContain('怎么充值金币');
    expect(second).toContain('忘记密码了怎么办');
    // A barge-in is no fallback: the judge did not fail, the turn was over.
    expect(fallbacks).toEqual([]);
  });
});
