import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAIEscalationJudge,
  ESCALATION_JUDGE_SYSTEM_PROMPT,
} from '../../adapters/openai/openai-escalation-judge.js';
import {
  echoLastUserMessage,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';

/** The viewer texts of the composer's injection set: the judge reads the same viewers. */
const texts: string[] = readFileSync(new URL('./cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text);

describe('the escalation judge against the prompt injection set', () => {
  let server: OpenAICompatibleServer;
  beforeAll(async () => {
    server = await startOpenAICompatibleServer();
    // The worst model: it repeats what it was given.
    server.chat.respondWith(echoLastUserMessage());
  });
  afterAll(async () => {
    await server.close();
  });

  const judge = () =>
    createOpenAIEscalationJudge({ baseURL: server.baseURL, model: 'judge-model', timeoutMs: 5_000 });

  it.each(texts.map((text) => [text.slice(0, 40), text]))(
    'keeps "%s…" out of the instructions, as data, and gets no verdict from an echo',
    async (_label, text) => {
      const before = server.chat.requests.length;
      const error = await judge()
        .judge(text, { signal: new AbortController().signal })
        .catch((caught: unknown) => caught);
      // The echoed document is not a verdict: the turn falls back to the offline signals.
      expect(error).toMatchObject({ code: 'unavailable' });
      const sent = server.chat.requests[before]?.body as { messages: { role: string; content: string }[] };
      expect(sent.messages).toHaveLength(2);
      expect(sent.messages[0]).toEqual({ role: 'system', content: ESCALATION_JUDGE_SYSTEM_PROMPT });
      expect((JSON.parse(sent.messages[1]?.content ?? '') as { message: string }).message).toBe(text);
    },
  );
});
