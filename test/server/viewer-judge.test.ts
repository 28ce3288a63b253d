import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCALATION_JUDGE_SYSTEM_PROMPT } from '../../adapters/openai/openai-escalation-judge.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { createLivedeskMetrics } from '../../server/metrics/livedesk-metrics.js';
import type { ChatCompletionRequest } from '../support/chat-completions-route.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
  type RecordedRequest,
} from '../support/openai-compatible-server.js';
import { startViewerTestServer, type ViewerTestServer } from './viewer-test-server.js';

/** Indirect: neither the word lists nor the intents hear a request for a person in it. */
const INDIRECT_REQUEST = 'is there anybody over there who can actually look at my account';

const isJudgeRequest = (request: ChatCompletionRequest): boolean =>
  request.messages[0] !== undefined && messageText(request.messages[0]) === ESCALATION_JUDGE_SYSTEM_PROMPT;

const judgeRequests = (llm: OpenAICompatibleServer): RecordedRequest[] =>
  llm.chat.requests.filter((request) => isJudgeRequest(request.body as ChatCompletionRequest));

/** A model that hears a request for a person in the indirect line, and nothing else anywhere. */
function startJudgingModel(): Promise<OpenAICompatibleServer> {
  return startOpenAICompatibleServer().then((llm) => {
    llm.chat.respondWith((request) => {
      if (!isJudgeRequest(request)) return { content: 'ok' };
      const wantsPerson = JSON.stringify(request.messages).includes('anybody over there');
      return { content: JSON.stringify({ wantsPerson, anger: 0.2, sensitive: null, language: 'en' }) };
    });
    return llm;
  });
}

/** One viewer's first message through the real socket: what they were sent and the desk's handoff packet. */
async function firstMessage(server: ViewerTestServer, text: string) {
  const viewer = await server.connect();
  const { token } = await server.viewerToken();
  const { conversationId } = await viewer.join({ token, locale: 'en' });
  const from = viewer.mark();
  viewer.send({ type: 'message', text });
  const end = await viewer.waitForEvent('turn-end', { from });
  return { delivered: end.event.delivered, packet: server.hub.get(conversationId)?.handoffPacket };
}

const llmEnv = (llm: OpenAICompatibleServer, judge: boolean) => ({
  LIVEDESK_LLM_BASE_URL: llm.baseURL,
  LIVEDESK_LLM_MODEL: 'test-model',
  LIVEDESK_LLM_MAX_RETRIES: '0',
  LIVEDESK_LLM_JUDGE: String(judge),
  LIVEDESK_LLM_JUDGE_TIMEOUT_MS: '3000',
});

describe('a viewer whose request for a person only an LLM hears', () => {
  let llm: OpenAICompatibleServer;
  let server: ViewerTestServer;
  beforeAll(async () => {
    llm = await startJudgingModel();
    server = await startViewerTestServer({ env: llmEnv(llm, true) });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('reaches a person with the judge on, and the agent sees the evidence came from the model', async () => {
    const { delivered, packet } = await firstMessage(server, INDIRECT_REQUEST);
    expect(packet?.reasons).toContain('human_request');
    expect(packet?.details).toContain('asked for a person (llm:wants a person)');
    expect(delivered).toBe('');
    expect(judgeRequests(llm)).toHaveLength(1);
  });
});

describe('the same viewer with the judge off (the default)', () => {
  let llm: OpenAICompatibleServer;
  let server: ViewerTestServer;
  beforeAll(async () => {
    llm = await startJudgingModel();
    server = await startViewerTestServer({ env: llmEnv(llm, false) });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('asks the model nothing about escalation, and the word lists decide alone', async () => {
    const { packet } = await firstMessage(server, INDIRECT_REQUEST);
    expect(packet?.reasons ?? []).not.toContain('human_request');
    expect(judgeRequests(llm)).toEqual([]);
  });
});

describe('the judge’s configuration and metrics', () => {
  const llm = { LIVEDESK_LLM_BASE_URL: 'http://127.0.0.1:9/v1', LIVEDESK_LLM_MODEL: 'm' };

  it('is off by default, 800 ms when on, and refused without an LLM', () => {
    expect(loadConfig(llm).llm?.judge).toBeUndefined();
    expect(loadConfig({ ...llm, LIVEDESK_LLM_JUDGE: 'true' }).llm?.judge).toEqual({ timeoutMs: 800 });
    expect(() => loadConfig({ LIVEDESK_LLM_JUDGE: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIVEDESK_LLM_JUDGE: 'true' })).toThrow(/LIVEDESK_LLM_JUDGE=true needs an LLM/u);
    expect(() => loadConfig({ ...llm, LIVEDESK_LLM_JUDGE: 'maybe' })).toThrow(/LIVEDESK_LLM_JUDGE/u);
    expect(() => loadConfig({ ...llm, LIVEDESK_LLM_JUDGE_TIMEOUT_MS: '20' })).toThrow(
      /LIVEDESK_LLM_JUDGE_TIMEOUT_MS/u,
    );
  });

  it('counts turns decided without the judge, by reason', async () => {
    const metrics = createLivedeskMetrics({});
    metrics.llmJudgeFallback('timeout');
    metrics.llmJudgeFallback('timeout');
    metrics.llmJudgeFallback('error');
    const text = await metrics.render();
    metrics.close();
    expect(text).toMatch(/^livedesk_llm_judge_fallbacks_total\{reason="timeout"\} 2$/mu);
    expect(text).toMatch(/^livedesk_llm_judge_fallbacks_total\{reason="error"\} 1$/mu);
  });
});
