import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatCompletionRequestSchema } from '../support/chat-completions-route.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import { startDeskServer, type DeskServer } from './desk-server.js';

const JAPANESE_QUESTION = 'ギフトが届きません';
const CHINESE_OF_QUESTION = '我的礼物没有到账';
const CHINESE_REPLY = '我马上为您查询，请稍等';
const JAPANESE_OF_REPLY = 'すぐに確認しますので、少々お待ちください';
const ENGLISH_BEFORE_HANDOFF = 'I sent a rocket gift but the streamer never got it';
const CHINESE_BEFORE_HANDOFF = '我送了火箭礼物，但主播没有收到';
const ENGLISH_ASK_FOR_PERSON = 'I want to talk to a human agent';
const CHINESE_ASK_FOR_PERSON = '我想和人工客服说话';

describe('agent replies and viewer messages translated both ways over a real server', () => {
  let llm: OpenAICompatibleServer;
  let server: DeskServer;
  /** Set: the LLM answers translations with this failure. */
  let translationFails = false;

  beforeAll(async () => {
    llm = await startOpenAICompatibleServer();
    // Translations are told apart from the other LLM calls (handoff summary) by their instructions.
    llm.chat.respondWith((request) => {
      const [system, user] = ChatCompletionRequestSchema.parse(request).messages;
      const instructions = system ? messageText(system) : '';
      if (!instructions.startsWith('You translate')) return { content: 'ok' };
      if (translationFails) return { failure: { kind: 'status', status: 503 } };
      const { text } = JSON.parse(user ? messageText(user) : '{}') as { text: string };
      if (instructions.includes('Japanese') && text === CHINESE_REPLY) return { content: JAPANESE_OF_REPLY };
      if (instructions.includes('Chinese') && text === JAPANESE_QUESTION)
        return { content: CHINESE_OF_QUESTION };
      if (instructions.includes('Chinese') && text === ENGLISH_BEFORE_HANDOFF)
        return { content: CHINESE_BEFORE_HANDOFF };
      if (instructions.includes('Chinese') && text === ENGLISH_ASK_FOR_PERSON)
        return { content: CHINESE_ASK_FOR_PERSON };
      return { content: `unexpected: ${text}` };
    });
    server = await startDeskServer({
      LIVEDESK_LLM_BASE_URL: llm.baseURL,
      LIVEDESK_LLM_MODEL: 'test-model',
      LIVEDESK_LLM_MAX_RETRIES: '0',
      LIVEDESK_AGENT_LANGUAGE: 'zh',
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
    });
  });

  afterAll(async () => {
    await server?.close();
    await llm?.close();
  });

  it('shows the agent a Chinese translation beside the Japanese, and the viewer the Japanese of the reply', async () => {
    const agent = await server.createStaff({ username: 'kei', role: 'agent', teams: ['support'] });
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-ja', locale: 'ja' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });
    const console = await server.connectAgent();
    await console.authenticate(agent.token);
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'human' });

    // The viewer writes Japanese: the agent gets the message as written, then its translation pointing at it.
    const agentFrom = console.mark();
    viewer.send({ type: 'message', text: JAPANESE_QUESTION, clientMessageId: 'v-2' });
    const original = await console.waitForConversationEvent(conversationId, 'viewer-message', {
      from: agentFrom,
      where: (event) => event.text === JAPANESE_QUESTION,
    });
    const translated = await console.waitForConversationEvent(conversationId, 'message-translation', {
      from: agentFrom,
    });
    expect(translated.event).toMatchObject({
      sequence: original.sequence,
      language: 'zh',
      text: CHINESE_OF_QUESTION,
    });
    expect(translated.sequence).toBeGreaterThan(original.sequence ?? Infinity);

    // The agent answers in Chinese: the viewer reads Japanese, with the agent's words as the original.
    const viewerFrom = viewer.mark();
    expect(await console.command({ type: 'reply', conversationId, text: CHINESE_REPLY })).toMatchObject({
      type: 'ack',
    });
    const received = await viewer.waitForEvent('agent-message', { from: viewerFrom });
    expect(received.event).toMatchObject({ text: JAPANESE_OF_REPLY, original: CHINESE_REPLY });
    expect(received.event).not.toHaveProperty('translation');
    const stored = await console.waitForConversationEvent(conversationId, 'agent-message', {
      from: agentFrom,
    });
    expect(stored.event).toMatchObject({
      text: CHINESE_REPLY,
      translation: { language: 'ja', text: JAPANESE_OF_REPLY },
    });

    // The LLM fails: the reply goes through as written, and the agent's copy says it was not translated.
    translationFails = true;
    const failedFrom = viewer.mark();
    const agentFailedFrom = console.mark();
    expect(await console.command({ type: 'reply', conversationId, text: '好的' })).toMatchObject({
      type: 'ack',
    });
    const untranslated = await viewer.waitForEvent('agent-message', { from: failedFrom });
    expect(untranslated.event.text).toBe('好的');
    expect(untranslated.event).not.toHaveProperty('original');
    const agentCopy = await console.waitForConversationEvent(conversationId, 'agent-message', {
      from: agentFailedFrom,
    });
    expect(agentCopy.event).toMatchObject({ text: '好的', untranslatedTo: 'ja' });
    expect(agentCopy.event).not.toHaveProperty('translation');
    // Offline, so the next test's conversation is offered to its own agent.
    await console.close();
  });

  it('translates for the agent what the viewer wrote to the assistant before the handoff, oldest first', async () => {
    translationFails = false;
    const agent = await server.createStaff({ username: 'lin', role: 'agent', teams: ['support'] });
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-en', locale: 'en' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: ENGLISH_BEFORE_HANDOFF, clientMessageId: 'e-1' });
    await viewer.waitForEvent('turn-end');
    viewer.send({ type: 'message', text: ENGLISH_ASK_FOR_PERSON, clientMessageId: 'e-2' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'pending_human' });

    const console = await server.connectAgent();
    await console.authenticate(agent.token);
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    // The console reads what came before it held the conversation from the log.
    console.send({ type: 'watch', conversationId, lastSequence: 0 });
    const first = await console.waitForConversationEvent(conversationId, 'viewer-message', {
      where: (event) => event.text === ENGLISH_BEFORE_HANDOFF,
    });
    const second = await console.waitForConversationEvent(conversationId, 'viewer-message', {
      where: (event) => event.text === ENGLISH_ASK_FOR_PERSON,
    });
    const translations = [
      await console.waitForConversationEvent(conversationId, 'message-translation', {
        where: (event) => event.sequence === first.sequence,
      }),
      await console.waitForConversationEvent(conversationId, 'message-translation', {
        where: (event) => event.sequence === second.sequence,
      }),
    ];
    expect(translations.map((translation) => translation.event)).toMatchObject([
      { language: 'zh', text: CHINESE_BEFORE_HANDOFF },
      { language: 'zh', text: CHINESE_ASK_FOR_PERSON },
    ]);
    expect(translations[0]!.sequence).toBeLessThan(translations[1]!.sequence ?? 0);
  });
});
