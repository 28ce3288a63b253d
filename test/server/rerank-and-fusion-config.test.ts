import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FusedEmbedder } from '../../knowledge/matching/fused-embedder.js';
import type { RerankStats } from '../../knowledge/reranking/decision-reranker.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { createEmbedder } from '../../server/create-embedder.js';
import { openKnowledgeBase } from '../../server/open-knowledge-base.js';
import { DEFAULT_MATCHER_CONFIG } from '../../knowledge/matching/matcher-config.js';
import { createSqliteKnowledgeStore } from '../../adapters/sqlite/knowledge-store.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLivedeskMetrics } from '../../server/metrics/livedesk-metrics.js';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';

const llm = { LIVEDESK_LLM_BASE_URL: 'http://127.0.0.1:9/v1', LIVEDESK_LLM_MODEL: 'm' };

describe('LIVEDESK_LLM_RERANK', () => {
  it('is off by default, even with an LLM', () => {
    expect(loadConfig(llm).llm?.rerank).toBeUndefined();
  });

  it('turns on with on (or true), with a 1.5 s time box unless told', () => {
    expect(loadConfig({ ...llm, LIVEDESK_LLM_RERANK: 'on' }).llm?.rerank).toEqual({ timeoutMs: 1_500 });
    expect(
      loadConfig({ ...llm, LIVEDESK_LLM_RERANK: 'true', LIVEDESK_LLM_RERANK_TIMEOUT_MS: '900' }).llm?.rerank,
    ).toEqual({ timeoutMs: 900 });
    expect(loadConfig({ ...llm, LIVEDESK_LLM_RERANK: 'off' }).llm?.rerank).toBeUndefined();
  });

  it('needs an LLM, and refuses odd values', () => {
    expect(() => loadConfig({ LIVEDESK_LLM_RERANK: 'on' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIVEDESK_LLM_RERANK: 'on' })).toThrow(/LIVEDESK_LLM_RERANK=on needs an LLM/u);
    expect(() => loadConfig({ ...llm, LIVEDESK_LLM_RERANK: 'maybe' })).toThrow(/LIVEDESK_LLM_RERANK/u);
    expect(() =>
      loadConfig({ ...llm, LIVEDESK_LLM_RERANK: 'on', LIVEDESK_LLM_RERANK_TIMEOUT_MS: '5' }),
    ).toThrow(/LIVEDESK_LLM_RERANK_TIMEOUT_MS/u);
  });
});

describe('dense embedders fused with the builtin one', () => {
  const dense = { LIVEDESK_EMBEDDING_BASE_URL: 'http://127.0.0.1:9/v1', LIVEDESK_EMBEDDING_MODEL: 'e' };

  it('fuses by default at half weight, and takes LIVEDESK_DENSE_WEIGHT', () => {
    expect(loadConfig({ ...dense, LIVEDESK_EMBEDDER: 'openai' }).embedder).toMatchObject({
      kind: 'openai',
      fuseWithBuiltin: { denseWeight: 0.5 },
    });
    expect(
      loadConfig({ LIVEDESK_EMBEDDER: 'transformers', LIVEDESK_DENSE_WEIGHT: '0.7' }).embedder,
    ).toMatchObject({ kind: 'transformers', fuseWithBuiltin: { denseWeight: 0.7 } });
  });

  it('uses the dense model alone with …-only or a weight of 1', () => {
    expect(loadConfig({ ...dense, LIVEDESK_EMBEDDER: 'openai-only' }).embedder).toMatchObject({
      kind: 'openai',
      fuseWithBuiltin: undefined,
    });
    expect(loadConfig({ LIVEDESK_EMBEDDER: 'transformers-only' }).embedder).toMatchObject({
      kind: 'transformers',
      fuseWithBuiltin: undefined,
    });
    expect(
      loadConfig({ LIVEDESK_EMBEDDER: 'transformers', LIVEDESK_DENSE_WEIGHT: '1' }).embedder,
    ).toMatchObject({
      fuseWithBuiltin: undefined,
    });
  });

  it('refuses a weight of 0 or outside 0..1', () => {
    for (const weight of ['0', '-0.2', '1.5', 'lots']) {
      expect(() => loadConfig({ LIVEDESK_EMBEDDER: 'transformers', LIVEDESK_DENSE_WEIGHT: weight })).toThrow(
        /LIVEDESK_DENSE_WEIGHT/u,
      );
    }
  });

  describe('createEmbedder over a local embeddings endpoint', () => {
    let server: OpenAICompatibleServer;

    beforeAll(async () => {
      server = await startOpenAICompatibleServer({ dimensions: 24 });
    });

    afterAll(async () => {
      await server.close();
    });

    const env = () => ({
      LIVEDESK_EMBEDDING_BASE_URL: server.baseURL,
      LIVEDESK_EMBEDDING_MODEL: 'e',
    });

    it('builds the fused embedder, with the builtin analyzer for lexical scoring', async () => {
      const parts = await createEmbedder(loadConfig({ ...env(), LIVEDESK_EMBEDDER: 'openai' }).embedder);
      expect(parts.embedder).toBeInstanceOf(FusedEmbedder);
      expect(parts.embedder.dimensions).toBeGreaterThan(24);
      expect(parts.embedder.id).toContain('openai:e:24');
      const [vector] = await parts.embedder.embed(['主播什么时候开播']);
      expect(vector).toHaveLength(parts.embedder.dimensions);
      expect(typeof parts.analyzer.analyze).toBe('function');
      await parts.close();
    });

    it('serves a knowledge base end to end: HNSW over the fused vectors, typos still answered', async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-fused-'));
      const store = createSqliteKnowledgeStore({
        path: path.join(folder, 'kb.sqlite'),
        knowledgeBaseId: 't',
      });
      try {
        await store.importEntries(
          [
            {
              id: 'pw',
              locale: 'en',
              questions: ['how do I reset my password', 'I forgot my password'],
              answer: 'Tap Forgot password.',
            },
            {
              id: 'ship',
              locale: 'en',
              questions: ['when will my order ship', 'where is my package'],
              answer: 'Within 48 hours.',
            },
            {
              id: 'gift',
              locale: 'zh',
              questions: ['怎么给主播送礼物', '礼物在哪里'],
              answer: '点礼物图标。',
            },
          ],
          'test',
        );
        const config = loadConfig({ ...env(), LIVEDESK_EMBEDDER: 'openai' });
        const opened = await openKnowledgeBase({
          store,
          embedder: config.embedder,
          vectorIndex: 'auto',
          matcherConfig: DEFAULT_MATCHER_CONFIG,
        });
        expect(opened.embedderId).toMatch(/^fused\(/u);
        const decision = await opened.knowledgeBase.ask('how do i rest my pasword');
        expect(decision.candidates[0]?.entryId).toBe('pw');
        expect((await opened.knowledgeBase.ask('给主播送个礼物')).candidates[0]?.entryId).toBe('gift');
        await opened.close();
      } finally {
        await store.close();
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('builds the dense embedder alone when asked', async () => {
      const parts = await createEmbedder(loadConfig({ ...env(), LIVEDESK_EMBEDDER: 'openai-only' }).embedder);
      expect(parts.embedder).not.toBeInstanceOf(FusedEmbedder);
      expect(parts.embedder.dimensions).toBe(24);
      await parts.close();
    });
  });
});

describe('reranker metrics', () => {
  it('are exposed beside the other LLM metrics when the reranker is on', async () => {
    const stats: RerankStats = {
      calls: 7,
      cacheHits: 3,
      changed: 2,
      fallbacks: { timeout: 1, error: 2, 'unknown-candidate': 0 },
    };
    const metrics = createLivedeskMetrics({ reranking: () => stats });
    let text = await metrics.render();
    expect(text).toContain('livedesk_llm_rerank_calls_total 7');
    expect(text).toContain('livedesk_llm_rerank_cache_hits_total 3');
    expect(text).toContain('livedesk_llm_rerank_changed_total 2');
    expect(text).toContain('livedesk_llm_rerank_fallbacks_total{reason="timeout"} 1');
    expect(text).toContain('livedesk_llm_rerank_fallbacks_total{reason="error"} 2');
    stats.calls = 9;
    text = await metrics.render();
    expect(text).toContain('livedesk_llm_rerank_calls_total 9');
    metrics.close();
  });

  it('are left out when the reranker is off', async () => {
    const metrics = createLivedeskMetrics({});
    expect(await metrics.render()).not.toContain('livedesk_llm_rerank');
    metrics.close();
  });
});
