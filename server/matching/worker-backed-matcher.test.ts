import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSqliteKnowledgeStore,
  type SqliteKnowledgeStore,
} from '../../adapters/sqlite/knowledge-store.js';
import { isAbortError } from '../../knowledge/errors.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { DecisionReranker } from '../../knowledge/reranking/decision-reranker.js';
import { DEFAULT_MATCHER_CONFIG } from '../../knowledge/matching/matcher-config.js';
import { seedDemoKnowledge } from '../demo-knowledge.js';
import { openKnowledgeBase, type OpenedKnowledgeBase } from '../open-knowledge-base.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import { createBuiltinSignalSupport } from '../../adapters/language/builtin-signal-support.js';
import {
  createSignalDetector,
  SignalsConfigSchema,
  type SignalsInput,
} from '../../engine/signals/detect-signals.js';
import { alwaysFiresSignalModel } from '../../test/support/always-fires-signal-model.js';
import { parseSignalModel } from '../signals/signal-model-file.js';
import { WorkerBackedMatcher } from './worker-backed-matcher.js';

const ESCALATION_CASES = path.resolve(import.meta.dirname, '../../knowledge/demo/escalation-suite-dev.jsonl');
const VIEWER_MESSAGES = readFileSync(ESCALATION_CASES, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text)
  .slice(0, 40);

const DEMO_CASES = path.resolve(import.meta.dirname, '../../knowledge/demo/demo-cases-test.jsonl');
const QUESTIONS = readFileSync(DEMO_CASES, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text)
  .slice(0, 60);

/** What a viewer gets from a decision: the action, the entries in order, and how sure. */
const gist = (decision: MatchDecision) => ({
  action: decision.action,
  best: decision.best?.entryId,
  candidates: decision.candidates.map((candidate) => candidate.entryId),
  confidence: decision.confidence.toFixed(6),
  language: decision.query.language,
});

/** The worker-backed matcher's own in-thread index (its fallback), asked directly, unseen by the spies below. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with the matcher as `this`, before any spy
const matchInThread = Matcher.prototype.match;
const inThread = async (matcher: WorkerBackedMatcher, question: string) =>
  gist(await matchInThread.call(matcher, question));

/** Questions the worker-backed matcher matched on this thread (its fallback), not on a worker. */
function matchedHere(matcher: WorkerBackedMatcher): () => number {
  const spy = vi.spyOn(Matcher.prototype, 'match');
  const before = spy.mock.contexts.length;
  return () => spy.mock.contexts.slice(before).filter((context) => context === matcher).length;
}

describe('the worker-backed matcher', () => {
  let folder: string;
  let store: SqliteKnowledgeStore;
  let opened: OpenedKnowledgeBase[];

  const open = async (matchWorkers: number): Promise<KnowledgeBase> => {
    const knowledge = await openKnowledgeBase({
      store,
      embedder: { kind: 'builtin' },
      vectorIndex: 'auto',
      matcherConfig: DEFAULT_MATCHER_CONFIG,
      matchWorkers,
    });
    opened.push(knowledge);
    return knowledge.knowledgeBase;
  };
  const threaded = async (): Promise<{ knowledge: KnowledgeBase; matcher: WorkerBackedMatcher }> => {
    const knowledge = await open(1);
    const matcher = knowledge.matcher;
    if (!(matcher instanceof WorkerBackedMatcher)) throw new Error('expected the worker-backed matcher');
    await vi.waitFor(() => expect(matcher.readyWorkers).toBe(1), { timeout: 90_000, interval: 20 });
    return { knowledge, matcher };
  };

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-match-worker-'));
    store = createSqliteKnowledgeStore({ path: path.join(folder, 'livedesk.sqlite') });
    await seedDemoKnowledge(store);
    opened = [];
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    for (const knowledge of opened) await knowledge.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    'answers the demo questions on its thread exactly as the in-thread matcher does',
    { timeout: 120_000 },
    async () => {
      const local = await open(0);
      const { matcher } = await threaded();
      const here = matchedHere(matcher);
      for (const question of QUESTIONS)
        expect(gist(await matcher.match(question)), question).toEqual(
          gist(await local.matcher.match(question)),
        );
      expect(here()).toBe(0);
    },
  );

  it(
    'reads the signals on its thread as this thread does, with the model it is told is active',
    { timeout: 120_000 },
    async () => {
      const { matcher } = await threaded();
      const [synonyms, entries] = await Promise.all([store.listSynonyms(), store.list()]);
      const support = createBuiltinSignalSupport({ synonyms, entries });
      let model: string | null = null;
      const learned = () => (model === null ? undefined : parseSignalModel(model, 'test').learned);
      const here = () =>
        createSignalDetector(SignalsConfigSchema.parse({}), { ...support, learned: learned() });
      const detectHere = vi.fn((input: SignalsInput) => here().detect(input));
      matcher.readSignalsOnThreads({ detect: detectHere, modelText: () => model });
      const turn = (text: string, index: number): SignalsInput => ({
        text,
        history: VIEWER_MESSAGES.slice(Math.max(0, index - 3), index),
        profile: { tier: index % 5 === 0 ? 'vip' : 'regular' },
      });

      for (const [index, text] of VIEWER_MESSAGES.entries())
        expect(await matcher.readSignals(turn(text, index)), text).toEqual(here().detect(turn(text, index)));
      const ordinary = turn('how do I top up coins', 0);
      expect((await matcher.readSignals(ordinary)).humanRequest.detected).toBe(false);

      // The admin activates a model: the thread reads the next turn with it, as this thread would.
      model = JSON.stringify(alwaysFiresSignalModel());
      expect((await matcher.readSignals(ordinary)).humanRequest.detected).toBe(true);
      model = null;
      expect((await matcher.readSignals(ordinary)).humanRequest.detected).toBe(false);
      expect(detectHere).not.toHaveBeenCalled();
    },
  );

  it('follows edits, removals and synonym changes made in the store', { timeout: 120_000 }, async () => {
    const { knowledge, matcher } = await threaded();
    const here = matchedHere(matcher);
    const question = 'do you offer zqxplorf gift wrapping';
    expect((await matcher.match(question)).candidates[0]?.entryId).not.toBe('shop.gift-wrap');

    await store.put(
      {
        id: 'shop.gift-wrap',
        locale: 'en',
        questions: ['can you gift wrap my order', 'do you offer zqxplorf gift wrapping'],
        answer: 'Tick "Gift wrap" at checkout.',
      },
      'editor-anna',
    );
    await knowledge.whenIndexed();
    const added = await matcher.match(question);
    expect(added.candidates[0]?.entryId).toBe('shop.gift-wrap');
    expect(gist(added)).toEqual(await inThread(matcher, question));

    await store.remove('shop.gift-wrap', 'editor-anna');
    await knowledge.whenIndexed();
    expect((await matcher.match(question)).candidates.map((candidate) => candidate.entryId)).not.toContain(
      'shop.gift-wrap',
    );

    // A synonym change rebuilds the whole index, on the thread too.
    await store.putSynonym({ term: 'zorblax', canonical: 'gift wrap', locale: 'en' }, 'editor-anna');
    await store.put(
      {
        id: 'shop.gift-wrap',
        locale: 'en',
        questions: ['can you gift wrap my order'],
        answer: 'Tick "Gift wrap" at checkout.',
      },
      'editor-anna',
    );
    await knowledge.whenIndexed();
    const viaSynonym = 'can you zorblax my order';
    const viaThread = await matcher.match(viaSynonym);
    expect(viaThread.candidates[0]?.entryId).toBe('shop.gift-wrap');
    expect(gist(viaThread)).toEqual(await inThread(matcher, viaSynonym));
    expect(here()).toBe(0);
  });

  it(
    'keeps the decision cache and the reranker on this thread, after the worker’s decision',
    { timeout: 120_000 },
    async () => {
      const reranked: MatchDecision[] = [];
      const reranker: DecisionReranker = {
        rerank: (decision) => {
          reranked.push(decision);
          return Promise.resolve({ ...decision, reason: `reranked: ${decision.reason}` });
        },
        stats: { calls: 0, picks: 0, fallbacks: 0 } as unknown as DecisionReranker['stats'],
      };
      const knowledge = await openKnowledgeBase({
        store,
        embedder: { kind: 'builtin' },
        vectorIndex: 'auto',
        matcherConfig: DEFAULT_MATCHER_CONFIG,
        matchWorkers: 1,
        reranker,
      });
      opened.push(knowledge);
      const matcher = knowledge.knowledgeBase.matcher as WorkerBackedMatcher;
      const here = matchedHere(matcher);
      const first = await knowledge.knowledgeBase.ask('how do I top up coins');
      const again = await knowledge.knowledgeBase.ask('How do I top up coins?');
      expect(first.reason).toMatch(/^reranked: /);
      expect(again.reason).toBe(first.reason);
      expect(reranked).toHaveLength(1);
      expect(gist(reranked[0]!)).toEqual(await inThread(matcher, 'how do I top up coins'));
      expect(knowledge.knowledgeBase.decisionCacheStats).toMatchObject({ hits: 1, misses: 1 });
      expect(here()).toBe(0);
    },
  );

  it('drops a question aborted while it waits, and answers the others', { timeout: 120_000 }, async () => {
    const { matcher } = await threaded();
    const controller = new AbortController();
    const asked = QUESTIONS.slice(0, 8).map((question) => matcher.match(question));
    const dropped = matcher.match('how do I top up coins', { signal: controller.signal });
    controller.abort();
    await expect(dropped).rejects.toSatisfy(isAbortError);
    const answers = await Promise.all(asked);
    expect(answers).toHaveLength(8);
    await expect(matcher.match('x', { signal: AbortSignal.abort() })).rejects.toSatisfy(isAbortError);
  });

  it(
    'answers every question a crashed thread held, here, and starts the thread again',
    { timeout: 120_000 },
    async () => {
      const { matcher } = await threaded();
      const [thread] = matcher.threads();
      const asked = QUESTIONS.slice(0, 20).map((question) => matcher.match(question));
      const failedOver = matchedHere(matcher);
      await thread!.terminate();
      const answers = await Promise.all(asked);
      // The thread died holding questions: they were matched here instead of being lost.
      expect(failedOver()).toBeGreaterThan(0);
      for (const [index, answer] of answers.entries())
        expect(gist(answer)).toEqual(await inThread(matcher, QUESTIONS[index]!));

      await vi.waitFor(
        () => {
          expect(matcher.threads()[0]).not.toBe(thread);
          expect(matcher.readyWorkers).toBe(1);
        },
        { timeout: 90_000, interval: 20 },
      );
      const here = matchedHere(matcher);
      expect(gist(await matcher.match(QUESTIONS[0]!))).toEqual(await inThread(matcher, QUESTIONS[0]!));
      expect(here()).toBe(0);
    },
  );
});
