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

/** Written in English only: a Chinese or Traditional question about it needs the LLM to translate. */
const LUCKY_WHEEL: EntryInput = {
  id: 'events.lucky-wheel',
  locale: 'en',
  questions: ['How does the Lucky Wheel work?', 'Lucky Wheel rules', 'what can I win on the Lucky Wheel'],
  answer:
    'Spin the Lucky Wheel once a day for free from the gift panel; prizes are coins, badges and gift cards.',
};

/** The system prompt and the grounding document of the n-th chat request the LLM received. */
function promptOf(llm: OpenAICompatibleServer, requestNumber: number) {
  const request = ChatCompletionRequestSchema.parse(llm.chat.requests[requestNumber]?.body);
  const [system, user] = request.messages;
  return {
    system: system ? messageText(system) : '',
    data: JSON.parse(user ? messageText(user) : '{}') as {
      knowledge_entries: { id: string; language: string }[];
    },
  };
}

async function ask(viewer: ViewerTestClient, text: string): Promise<string> {
  const from = viewer.mark();
  viewer.send({ type: 'message', text });
  return (await viewer.waitForEvent('turn-end', { from })).event.delivered;
}

describe('a viewer on an English page who writes Chinese, with an LLM configured', () => {
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

  /** A new viewer on the English page: each question in a conversation of its own, so none repeats another. */
  async function englishPageViewer(): Promise<ViewerTestClient> {
    const viewer = await server.connect();
    await viewer.join({ token: (await server.viewerToken()).token, locale: 'en' });
    return viewer;
  }

  it('has the LLM translate an English-only entry into the viewer’s Chinese', async () => {
    llm.chat.enqueue({
      content:
        '每天可以在礼物面板免费转一次幸运轮盘，奖品有金币、徽章和礼品卡。[[sources: events.lucky-wheel]]',
    });
    const request = llm.chat.requests.length;
    expect(await ask(await englishPageViewer(), 'Lucky Wheel 的规则是什么')).toBe(
      '每天可以在礼物面板免费转一次幸运轮盘，奖品有金币、徽章和礼品卡。',
    );
    const prompt = promptOf(llm, request);
    expect(prompt.system).toContain('Reply in Simplified Chinese');
    expect(prompt.data.knowledge_entries[0]).toMatchObject({ id: 'events.lucky-wheel', language: 'en' });
  });

  it('asks for Traditional after a Traditional question, and converts a model that slips into Simplified', async () => {
    llm.chat.enqueue({
      tokens: [
        '每天可以在礼物面板免费转一次',
        '幸运轮盘，奖品有金币、徽章和礼',
        '品卡。',
        '[[sources: events.lucky-wheel]]',
      ],
    });
    const request = llm.chat.requests.length;
    expect(await ask(await englishPageViewer(), 'lucky wheel 怎麼玩')).toBe(
      '每天可以在禮物面板免費轉一次幸運輪盤，獎品有金幣、徽章和禮品卡。',
    );
    expect(promptOf(llm, request).system).toContain('Reply in Traditional Chinese as written in Taiwan');
  });

  it('answers English in English, the entry as it is written', async () => {
    llm.chat.enqueue({ content: `${LUCKY_WHEEL.answer}[[sources: events.lucky-wheel]]` });
    const request = llm.chat.requests.length;
    expect(await ask(await englishPageViewer(), 'how does the lucky wheel work')).toBe(LUCKY_WHEEL.answer);
    expect(promptOf(llm, request).system).toContain('Reply in English');
  });
});

describe('the desk’s words to a waiting viewer', () => {
  let server: ViewerTestServer;
  beforeAll(async () => {
    server = await startViewerTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function welcomeAfter(pageLocale: string, text: string): Promise<string> {
    const viewer = await server.connect();
    const { conversationId } = await viewer.join({
      token: (await server.viewerToken()).token,
      locale: pageLocale,
    });
    viewer.send({ type: 'message', text });
    const welcome = await viewer.waitForEvent('system-message', {
      where: (event) => event.kind === 'welcome',
    });
    expect(server.hub.get(conversationId)?.handoffPacket?.viewer.locale).toBe(
      server.hub.get(conversationId)?.language,
    );
    return welcome.event.text;
  }

  it('welcome a viewer on a Chinese page who writes English in English', async () => {
    expect(await welcomeAfter('zh', 'I want to talk to a real person')).toContain(
      "I'm passing you to a support agent.",
    );
  });

  it('welcome a viewer who writes Traditional in Traditional', async () => {
    expect(await welcomeAfter('en', '我要找真人客服，轉人工')).toContain('已為你轉接人工客服。');
  });

  it('welcome a viewer who writes Japanese in Japanese, not Chinese', async () => {
    const welcome = await welcomeAfter('en', 'オペレーターと話したいです');
    expect(welcome).toContain('オペレーターにおつなぎ');
    expect(welcome).not.toContain('接通');
  });
});
