import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatCompletionRequestSchema } from '../support/chat-completions-route.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import { startDeskServer, type DeskServer } from './desk-server.js';

const BEFORE_RESTART = 'I sent a rocket gift but the streamer never got it';
const CHINESE_OF_BEFORE_RESTART = '我送了火箭礼物，但主播没有收到';
const ASK_FOR_PERSON = 'I want to talk to a human agent';
const CHINESE_OF_ASK_FOR_PERSON = '我想和人工客服说话';

/**
 * What a viewer wrote to the assistant before a handoff is translated for the agent from the conversation
 * log, not from one node's memory: a restart between the line and the handoff loses nothing, and the
 * translations, stored as `message-translation` events, are still there after another restart.
 */
describe('pre-handoff translations across restarts on the same SQLite file', () => {
  let llm: OpenAICompatibleServer;
  let dataDir: string;
  const servers: DeskServer[] = [];

  const start = async (): Promise<DeskServer> => {
    const server = await startDeskServer({
      LIVEDESK_DATA_DIR: dataDir,
      LIVEDESK_LLM_BASE_URL: llm.baseURL,
      LIVEDESK_LLM_MODEL: 'test-model',
      LIVEDESK_LLM_MAX_RETRIES: '0',
      LIVEDESK_AGENT_LANGUAGE: 'zh',
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
    });
    servers.push(server);
    return server;
  };
  const stop = async (server: DeskServer): Promise<void> => {
    servers.splice(servers.indexOf(server), 1);
    await server.close();
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-translation-restart-'));
    llm = await startOpenAICompatibleServer();
    llm.chat.respondWith((request) => {
      const [system, user] = ChatCompletionRequestSchema.parse(request).messages;
      const instructions = system ? messageText(system) : '';
      if (!instructions.startsWith('You translate')) return { content: 'ok' };
      const { text } = JSON.parse(user ? messageText(user) : '{}') as { text: string };
      if (instructions.includes('Chinese') && text === BEFORE_RESTART)
        return { content: CHINESE_OF_BEFORE_RESTART };
      if (instructions.includes('Chinese') && text === ASK_FOR_PERSON)
        return { content: CHINESE_OF_ASK_FOR_PERSON };
      return { content: `unexpected: ${text}` };
    });
  });

  afterAll(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await llm?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('translates the line written before the restart when the handoff comes after it, and keeps both', async () => {
    const first = await start();
    const { token } = await first.viewerToken({
      roomId: 'room-en',
      viewerId: 'restart-viewer',
      locale: 'en',
    });
    const viewer = await first.connectViewer();
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: BEFORE_RESTART, clientMessageId: 'r-1' });
    await viewer.waitForEvent('turn-end');
    await stop(first);

    // Another process on the same file: nothing of the first one's memory.
    const second = await start();
    const agent = await second.createStaff({ username: 'wen', role: 'agent', teams: ['support'] });
    const again = await second.connectViewer();
    await again.join({ token, conversationId });
    again.send({ type: 'message', text: ASK_FOR_PERSON, clientMessageId: 'r-2' });
    await again.waitForEvent('state-change', { where: (event) => event.to === 'pending_human' });
    const desk = await second.connectAgent();
    await desk.authenticate(agent.token);
    await desk.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    expect(await desk.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    desk.send({ type: 'watch', conversationId, lastSequence: 0 });
    const before = await desk.waitForConversationEvent(conversationId, 'viewer-message', {
      where: (event) => event.text === BEFORE_RESTART,
    });
    const ask = await desk.waitForConversationEvent(conversationId, 'viewer-message', {
      where: (event) => event.text === ASK_FOR_PERSON,
    });
    const translated = [
      await desk.waitForConversationEvent(conversationId, 'message-translation', {
        where: (event) => event.sequence === before.sequence,
      }),
      await desk.waitForConversationEvent(conversationId, 'message-translation', {
        where: (event) => event.sequence === ask.sequence,
      }),
    ];
    expect(translated.map((translation) => translation.event)).toMatchObject([
      { language: 'zh', text: CHINESE_OF_BEFORE_RESTART },
      { language: 'zh', text: CHINESE_OF_ASK_FOR_PERSON },
    ]);
    await stop(second);

    // A third process: the agent still reads both translations beside the lines, from the log.
    const third = await start();
    const supervisor = await third.createStaff({ username: 'sun', role: 'supervisor', teams: ['support'] });
    const watcher = await third.connectAgent();
    await watcher.authenticate(supervisor.token);
    watcher.send({ type: 'watch', conversationId, lastSequence: 0 });
    for (const [line, chinese] of [
      [before, CHINESE_OF_BEFORE_RESTART],
      [ask, CHINESE_OF_ASK_FOR_PERSON],
    ] as const) {
      const kept = await watcher.waitForConversationEvent(conversationId, 'message-translation', {
        where: (event) => event.sequence === line.sequence,
      });
      expect(kept.event).toMatchObject({ language: 'zh', text: chinese });
    }
    // Three processes start in turn: slower than one test's default time under load.
  }, 120_000);
});
