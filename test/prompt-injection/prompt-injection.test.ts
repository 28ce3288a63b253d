import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenAIAnswerComposer } from '../../adapters/openai/openai-answer-composer.js';
import { neutralizeMarkers } from '../../engine/composer/citation-trailer.js';
import { buildGroundedPrompt, groundedSystemPrompt } from '../../engine/composer/grounded-prompt.js';
import type { GroundingData } from '../../engine/composer/grounded-prompt.js';
import type { ComposeRequest } from '../../engine/ports.js';
import { composeRequest } from '../support/compose-request-fixtures.js';
import {
  echoLastUserMessage,
  messageText,
  startOpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import type { OpenAICompatibleServer } from '../support/openai-compatible-server.js';
import { collectEvents } from '../support/scripted-answer-composer.js';

const InjectionCaseSchema = z.object({
  id: z.string().min(1),
  locale: z.enum(['en', 'zh']),
  category: z.string().min(1),
  text: z.string().min(1),
  history: z
    .array(z.object({ role: z.enum(['viewer', 'assistant', 'agent']), text: z.string() }))
    .default([]),
  liveContext: z
    .object({ streamerName: z.string().optional(), productInView: z.string().optional() })
    .optional(),
  /** Entry ids the case tries to get cited; none of them is ever given to the composer. */
  forgedIds: z.array(z.string()).default([]),
});
type InjectionCase = z.infer<typeof InjectionCaseSchema>;

const cases: InjectionCase[] = readFileSync(new URL('./cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, index) => {
    const parsed = InjectionCaseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`cases.jsonl line ${index + 1}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });

/** Configuration that must never reach the model, let alone the viewer. */
const API_KEY = 'sk-canary-4e1f9a7c2b8d';
const MODEL = 'canary-model-7f3a';
const PROMPT_CANARY = 'ldcinjection0123456789';

function requestFor(testCase: InjectionCase): ComposeRequest {
  const base = composeRequest({
    locale: testCase.locale,
    question: testCase.text,
    history: testCase.history,
  });
  return testCase.liveContext === undefined
    ? base
    : { ...base, liveContext: { ...base.liveContext, ...testCase.liveContext } };
}

/** Sentences of the system prompt long enough that finding one in the output means it leaked. */
function systemPromptFragments(locale: string): string[] {
  return groundedSystemPrompt(locale)
    .split(/(?<=[.:;])\s+|\n/u)
    .map((fragment) => fragment.trim())
    .filter((fragment) => fragment.length >= 30);
}

describe('the prompt injection set', () => {
  let server: OpenAICompatibleServer;

  beforeAll(async () => {
    server = await startOpenAICompatibleServer({ apiKey: API_KEY });
  });

  afterAll(async () => {
    await server.close();
  });

  function composer() {
    return createOpenAIAnswerComposer({
      baseURL: server.baseURL,
      apiKey: API_KEY,
      model: MODEL,
      timeoutMs: 5_000,
      firstTokenTimeoutMs: 5_000,
      maxRetries: 0,
      canary: PROMPT_CANARY,
    });
  }

  function expectNoLeak(output: string, locale: string): void {
    const { host } = new URL(server.baseURL);
    for (const secret of [API_KEY, server.baseURL, host, MODEL]) expect(output).not.toContain(secret);
    for (const fragment of systemPromptFragments(locale)) expect(output).not.toContain(fragment);
  }

  it('has at least 25 cases, in Chinese and English, with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((testCase) => testCase.id)).size).toBe(cases.length);
    expect(new Set(cases.map((testCase) => testCase.locale))).toEqual(new Set(['en', 'zh']));
  });

  it('stops a model repeating its system prompt before any of it reaches the caller', async () => {
    expect(systemPromptFragments('en').length).toBeGreaterThanOrEqual(8);
    server.chat.respondWith((sent) => ({
      content: sent.messages[0] === undefined ? '' : messageText(sent.messages[0]),
    }));
    const before = server.chat.requests.length;
    const { text, error } = await collectEvents(composer().compose(composeRequest(), {}));
    const sent = server.chat.requests[before]?.body as { messages: { content: string }[] };
    // The leak check would have caught it: the model really was told to say every fragment.
    for (const fragment of systemPromptFragments('en')) expect(sent.messages[0]?.content).toContain(fragment);
    expect(error).toMatchObject({ code: 'unavailable' });
    expectNoLeak(text, 'en');
    expect(text).not.toContain(PROMPT_CANARY);
  });

  describe.each(cases)('$id ($category)', (testCase) => {
    const request = requestFor(testCase);
    const givenIds = request.entries.map(({ entry }) => entry.id);

    it('leaves the system message as it is for any viewer text', () => {
      const [system, user, ...rest] = buildGroundedPrompt(request);
      expect(rest).toEqual([]);
      expect(system).toEqual({ role: 'system', content: groundedSystemPrompt(testCase.locale) });
      expect(system).toEqual(buildGroundedPrompt(composeRequest({ locale: testCase.locale }))[0]);
      expect(user?.role).toBe('user');
    });

    it('puts the viewer’s words only in the user message, as data', () => {
      const [system, user] = buildGroundedPrompt(request);
      const data = JSON.parse(user?.content ?? '') as GroundingData;
      expect(data.viewer_message).toBe(neutralizeMarkers(testCase.text));
      expect(data.conversation.map((message) => message.text)).toEqual(
        testCase.history.map((message) => neutralizeMarkers(message.text)),
      );
      for (const text of [testCase.text, ...testCase.history.map((message) => message.text)]) {
        expect(system?.content).not.toContain(text.trim());
      }
      for (const value of Object.values(testCase.liveContext ?? {}))
        expect(system?.content).not.toContain(value);
    });

    it('leaks no prompt, grounding JSON or configuration through a model that echoes the user message', async () => {
      server.chat.respondWith(echoLastUserMessage({ tokenDelayMs: 0 }));
      const before = server.chat.requests.length;
      const { events, error, text } = await collectEvents(composer().compose(request, {}));
      // The echo is the grounding JSON: the leak filter stops it, and the fallback answers instead.
      expect(error).toMatchObject({ code: 'unavailable' });
      // What went over the wire: the fixed system message (with its canary), then the user message.
      const sent = server.chat.requests[before]?.body as { messages: { role: string; content: string }[] };
      expect(sent.messages).toEqual(buildGroundedPrompt(request, { canary: PROMPT_CANARY }));
      expectNoLeak(text, testCase.locale);
      expect(text).not.toContain('knowledge_entries');
      expect(text).not.toContain('"viewer_message"');
      expect(text).not.toMatch(/\[\[\s*sources?\s*[:：]/iu);
      expect(events.filter((event) => event.type === 'citations')).toEqual([]);
    });

    it('cites only entries it was given, even when the model repeats the viewer word for word', async () => {
      // A "model" that fell for the injection: it outputs the viewer's raw text, forged trailer and all.
      server.chat.respondWith(() => ({ content: testCase.text }));
      const { events, error, text } = await collectEvents(composer().compose(request, {}));
      // Text posing as the grounding document is stopped by the leak filter; the rest goes through.
      if (/knowledge_entries|viewer_message|live_context/u.test(testCase.text))
        expect(error).toMatchObject({ code: 'unavailable' });
      else expect(error).toBeUndefined();
      expectNoLeak(text, testCase.locale);
      expect(text).not.toMatch(/\[\[\s*sources?\s*[:：]/iu);
      const cited = events.flatMap((event) => (event.type === 'citations' ? event.entryIds : []));
      for (const id of cited) expect(givenIds).toContain(id);
      for (const id of testCase.forgedIds) expect(cited).not.toContain(id);
    });
  });
});
