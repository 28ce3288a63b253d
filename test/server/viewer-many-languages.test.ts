import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryInput } from '../../knowledge/entry.js';
import { ChatCompletionRequestSchema } from '../support/chat-completions-route.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';
import { startViewerTestServer, type ViewerTestServer } from './viewer-test-server.js';

/** English and Japanese: a Korean or Arabic viewer's answer needs the LLM; a Japanese one does not. */
const LUCKY_WHEEL: EntryInput = {
  id: 'events.lucky-wheel',
  locale: 'en',
  questions: ['How does the Lucky Wheel work?', 'Lucky Wheel rules', 'what can I win on the Lucky Wheel'],
  answer:
    'Spin the Lucky Wheel once a day for free from the gift panel; prizes are coins, badges and gift cards.',
  translations: {
    ja: {
      questions: ['Lucky Wheelのルールは？', 'Lucky Wheelで何がもらえますか'],
      answer: 'Lucky Wheelはギフトパネルから1日1回無料で回せます。賞品はコイン、バッジ、ギフトカードです。',
    },
  },
};

function systemPromptOf(llm: OpenAICompatibleServer, requestNumber: number): string {
  const request = ChatCompletionRequestSchema.parse(llm.chat.requests[requestNumber]?.body);
  const [system] = request.messages;
  return system ? messageText(system) : '';
}

function entryLanguagesOf(llm: OpenAICompatibleServer, requestNumber: number): string[] {
  const request = ChatCompletionRequestSchema.parse(llm.chat.requests[requestNumber]?.body);
  const user = request.messages[1];
  const data = JSON.parse(user ? messageText(user) : '{}') as { knowledge_entries: { language: string }[] };
  return data.knowledge_entries.map((entry) => entry.language);
}

async function ask(viewer: ViewerTestClient, text: string): Promise<string> {
  const from = viewer.mark();
  viewer.send({ type: 'message', text });
  return (await viewer.waitForEvent('turn-end', { from })).event.delivered;
}

describe('viewers writing Japanese, Korean and Arabic on an English page, with an LLM configured', () => {
  let llm: OpenAICompatibleServer;
  let server: ViewerTestServer;
  beforeAll(async () => {
    llm = await startOpenAICompatibleServer();
    server = await startViewerTestServer({
      env: {
        LIVEDESK_LLM_BASE_URL: llm.baseURL,
        LIVEDESK_LLM_MODEL: 'test-model',
        LIVEDESK_LLM_MAX_RETRIES: '0',
      },
      entries: [LUCKY_WHEEL],
    });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  async function viewer(): Promise<ViewerTestClient> {
    const client = await server.connect();
    await client.join({ token: (await server.viewerToken()).token, locale: 'en' });
    return client;
  }

  it('grounds a Japanese question on the entry’s Japanese text and asks for Japanese', async () => {
    llm.chat.enqueue({
      content: 'Lucky Wheelは1日1回無料で回せます。[[sources: events.lucky-wheel]]',
    });
    const request = llm.chat.requests.length;
    expect(await ask(await viewer(), 'Lucky Wheelのルールを教えてください')).toBe(
      'Lucky Wheelは1日1回無料で回せます。',
    );
    expect(systemPromptOf(llm, request)).toContain('Reply in Japanese');
    expect(entryLanguagesOf(llm, request)).toEqual(['ja']);
  });

  it('has the LLM translate the entry for a Korean viewer, whose language the entry lacks', async () => {
    llm.chat.enqueue({
      content:
        'Lucky Wheel은 선물 패널에서 하루 한 번 무료로 돌릴 수 있어요. [[sources: events.lucky-wheel]]',
    });
    const request = llm.chat.requests.length;
    expect(await ask(await viewer(), 'Lucky Wheel 규칙이 뭐예요?')).toBe(
      'Lucky Wheel은 선물 패널에서 하루 한 번 무료로 돌릴 수 있어요.',
    );
    expect(systemPromptOf(llm, request)).toContain('Reply in Korean');
    expect(entryLanguagesOf(llm, request)).toEqual(['en']);
  });

  it('asks for Arabic after an Arabic question', async () => {
    llm.chat.enqueue({
      content: 'يمكنك تدوير Lucky Wheel مرة واحدة يوميًا مجانًا. [[sources: events.lucky-wheel]]',
    });
    const request = llm.chat.requests.length;
    expect(await ask(await viewer(), 'ما هي قواعد Lucky Wheel؟')).toBe(
      'يمكنك تدوير Lucky Wheel مرة واحدة يوميًا مجانًا.',
    );
    expect(systemPromptOf(llm, request)).toContain('Reply in Arabic');
  });
});
