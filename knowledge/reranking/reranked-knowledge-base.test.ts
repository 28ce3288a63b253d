import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { createOpenAICandidateReranker } from '../../adapters/openai/openai-candidate-reranker.js';
import {
  createSqliteKnowledgeStore,
  type SqliteKnowledgeStore,
} from '../../adapters/sqlite/knowledge-store.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type ChatCompletionRequest,
  type OpenAICompatibleServer,
} from '../../test/support/openai-compatible-server.js';
import type { EntryInput } from '../entry.js';
import { KnowledgeBase } from '../knowledge-base.js';
import { createExactVectorIndex } from '../matching/exact-vector-index.js';
import { DEFAULT_MATCHER_CONFIG } from '../matching/matcher-config.js';
import { Matcher } from '../matching/matcher.js';
import { createDecisionReranker, type DecisionReranker } from './decision-reranker.js';

const ENTRIES: EntryInput[] = [
  {
    id: 'coins.top-up',
    locale: 'en',
    questions: ['how do I top up coins', 'where can I buy coins', 'recharge coins'],
    answer: 'Go to Me > Wallet > Top up.',
  },
  {
    id: 'coins.missing',
    locale: 'en',
    questions: [
      'I paid but my coins did not arrive',
      'coins not credited after payment',
      'top up failed but money was taken',
    ],
    answer: 'Coins can take 5 minutes to arrive; otherwise send us the order number.',
  },
  {
    id: 'account.password',
    locale: 'en',
    questions: ['I forgot my password', 'how do I reset my password'],
    answer: 'Tap "Forgot password" on the login page.',
  },
  {
    id: 'gift.send',
    locale: 'en',
    questions: ['how do I send a gift', 'gift the streamer'],
    answer: 'Tap the gift icon under the stream.',
  },
];

/** The words a viewer used; the builtin matcher leans to the top-up entry, whose words they share. */
const QUESTION = 'coins top up not working';

// A cautious deployment: anything short of near-certain with a runner-up in sight is a clarify, so the
// test does not hang on where today's scores put this question.
const CAUTIOUS = {
  ...DEFAULT_MATCHER_CONFIG,
  thresholds: { ...DEFAULT_MATCHER_CONFIG.thresholds, answerMinConfidence: 0.999, clarifyMinRatio: 0.01 },
  thresholdsByLocale: {},
};

/** A stand-in model that reads the candidates it is sent and picks the one about money that did not arrive. */
function pickMissingCoins(request: ChatCompletionRequest) {
  const user = request.messages.find((message) => message.role === 'user');
  const data = JSON.parse(user ? messageText(user) : '{}') as {
    candidates: { id: string; answer: string }[];
  };
  const chosen = data.candidates.find((candidate) => candidate.answer.includes('order number'));
  return { content: JSON.stringify({ id: chosen?.id ?? null, confidence: 0.9 }) };
}

describe('KnowledgeBase with an LLM reranker against a local OpenAI-compatible server', () => {
  let folder: string;
  let store: SqliteKnowledgeStore;
  let server: OpenAICompatibleServer;
  let knowledgeBase: KnowledgeBase | undefined;

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-rerank-'));
    store = createSqliteKnowledgeStore({ path: path.join(folder, 'kb.sqlite'), knowledgeBaseId: 'test' });
    await store.importEntries(ENTRIES, 'test');
    server = await startOpenAICompatibleServer();
  });

  afterEach(async () => {
    knowledgeBase?.close();
    await knowledgeBase?.whenIndexed();
    await store.close();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function open(reranker?: DecisionReranker): Promise<KnowledgeBase> {
    const embedder = createBuiltinEmbedder();
    const matcher = new Matcher({
      embedder,
      analyzer: embedder.analyzer,
      createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
      config: CAUTIOUS,
    });
    knowledgeBase = await KnowledgeBase.open({ store, matcher, ...(reranker ? { reranker } : {}) });
    return knowledgeBase;
  }

  function reranker(timeoutMs = 1_500): DecisionReranker {
    return createDecisionReranker({
      reranker: createOpenAICandidateReranker({ baseURL: server.baseURL, model: 'picker', timeoutMs }),
      timeoutMs,
    });
  }

  it('turns the matcher’s clarify into the right answer, and the reason names the reranker', async () => {
    const offlineKnowledgeBase = await open();
    const offline = await offlineKnowledgeBase.ask(QUESTION);
    offlineKnowledgeBase.close();
    expect(offline.action).toBe('clarify');
    expect(offline.candidates.map((candidate) => candidate.entryId)).toContain('coins.missing');

    server.chat.respondWith(pickMissingCoins);
    const knowledgeBase = await open(reranker());
    const decision = await knowledgeBase.ask(QUESTION);
    expect(decision.action).toBe('answer');
    expect(decision.best?.entryId).toBe('coins.missing');
    expect(decision.reason).toMatch(/^The reranker \(openai:picker\) chose "coins\.missing"/);
    expect(decision.reason).toContain('offline decision: clarify');
    expect(server.chat.requests).toHaveLength(1);
  });

  it('keeps the reranked decision in the decision cache, and asks again after a knowledge change', async () => {
    server.chat.respondWith(pickMissingCoins);
    const rerank = reranker();
    const knowledgeBase = await open(rerank);
    await knowledgeBase.ask(QUESTION);
    const again = await knowledgeBase.ask(QUESTION);
    expect(again.best?.entryId).toBe('coins.missing');
    expect(server.chat.requests).toHaveLength(1);

    await store.put(
      { ...ENTRIES[1]!, answer: 'Coins arrive within 5 minutes; else send the order number.' },
      'editor',
    );
    await knowledgeBase.whenIndexed();
    const afterEdit = await knowledgeBase.ask(QUESTION);
    expect(afterEdit.best?.entryId).toBe('coins.missing');
    expect(server.chat.requests).toHaveLength(2);
    expect(rerank.stats).toMatchObject({ calls: 2, changed: 2 });
  });

  it('answers with the matcher’s own decision, in time, when the model is too slow', async () => {
    server.chat.respondWith(() => ({
      headersDelayMs: 2_000,
      content: '{"id":"coins.missing","confidence":1}',
    }));
    const rerank = reranker(250);
    const knowledgeBase = await open(rerank);
    const started = performance.now();
    const decision = await knowledgeBase.ask(QUESTION);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(decision.action).toBe('clarify');
    expect(decision.reason).not.toContain('reranker');
    expect(rerank.stats.fallbacks.timeout).toBe(1);
  });
});
