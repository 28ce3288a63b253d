import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWav, solidPng } from '../support/media-fixtures.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import {
  messageImages,
  messageText,
  startOpenAICompatibleServer,
  type ChatMessage,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

/** What the AI does with a viewer's media (issue 17 part 2), against the real server. */

async function send(server: DeskServer, conversationId: string, token: string, body: Uint8Array, query = {}) {
  const response = await fetch(
    `${server.baseUrl}/api/media?${new URLSearchParams({ conversationId, ...query }).toString()}`,
    { method: 'POST', headers: { authorization: `Bearer ${token}` }, body },
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { mediaId: string };
}

async function joinViewer(server: DeskServer, sockets: ViewerTestClient[], viewerId: string) {
  const issued = await server.viewerToken({ roomId: 'media-ai-room', viewerId, locale: 'zh' });
  const socket = await server.connectViewer();
  sockets.push(socket);
  const { conversationId } = await socket.join({ token: issued.token });
  return { ...issued, conversationId, socket };
}

async function say(socket: ViewerTestClient, text: string, clientMessageId: string) {
  const from = socket.mark();
  socket.send({ type: 'message', text, clientMessageId });
  await socket.waitForEvent('turn-end', { from });
}

describe('media the AI cannot see or hear: a person is brought in, routed by the words around it', () => {
  let server: DeskServer;
  let finance: AgentTestClient;
  let support: AgentTestClient;
  const sockets: ViewerTestClient[] = [];
  let financeToken = '';

  beforeAll(async () => {
    server = await startDeskServer({
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
      LIVEDESK_MEDIA_WORDS_WAIT_MS: '300',
    });
    const financeAgent = await server.createStaff({
      username: 'media-finance',
      role: 'agent',
      teams: ['finance'],
    });
    const supportAgent = await server.createStaff({
      username: 'media-support',
      role: 'agent',
      teams: ['support'],
    });
    financeToken = financeAgent.token;
    finance = await server.connectAgent();
    await finance.authenticate(financeAgent.token);
    support = await server.connectAgent();
    await support.authenticate(supportAgent.token);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await server?.close();
  });

  it('hands a top-up screenshot to finance, says so honestly, and lists the image on the ticket', async () => {
    const viewer = await joinViewer(server, sockets, 'media-ai-topup');
    await say(viewer.socket, '充值没到账', 'words');
    const from = viewer.socket.mark();
    const { mediaId } = await send(server, viewer.conversationId, viewer.token, await solidPng(120, 80), {
      name: 'payment.png',
    });
    const notice = await viewer.socket.waitForEvent('system-message', { from });
    expect(notice.event).toMatchObject({ kind: 'notice' });
    expect(notice.event.type === 'system-message' && notice.event.text).toMatch(/看不了图片.*人工/);
    await viewer.socket.waitForEvent('handoff', { from });
    const offer = await finance.waitForType('assignment', {
      where: (frame) => frame.conversationId === viewer.conversationId && frame.status === 'offered',
    });
    expect(offer.conversationId).toBe(viewer.conversationId);
    expect((await finance.command({ type: 'accept', conversationId: viewer.conversationId })).type).toBe(
      'ack',
    );
    const made = await server.request(`/api/conversations/${viewer.conversationId}/ticket`, {
      method: 'POST',
      token: financeToken,
    });
    const { ticket } = (await made.json()) as { ticket: { id: string } };
    const view = (await (
      await server.request(`/api/tickets/${ticket.id}`, { token: financeToken })
    ).json()) as {
      attachments: { mediaId: string; kind: string; name?: string }[];
    };
    expect(view.attachments).toEqual([
      expect.objectContaining({ mediaId, kind: 'image', name: 'payment.png' }),
    ]);
  });

  it('keeps a voice clip for people when no recogniser is configured, and tells the viewer', async () => {
    const viewer = await joinViewer(server, sockets, 'media-ai-voice');
    const from = viewer.socket.mark();
    await send(server, viewer.conversationId, viewer.token, silentWav(1));
    const notice = await viewer.socket.waitForEvent('system-message', { from });
    expect(notice.event.type === 'system-message' && notice.event.text).toMatch(/听不了语音/);
    await support.waitForType('assignment', {
      where: (frame) => frame.conversationId === viewer.conversationId && frame.status === 'offered',
    });
  });

  it('answers no sticker and hands nothing over for one', async () => {
    const viewer = await joinViewer(server, sockets, 'media-ai-sticker');
    const from = viewer.socket.mark();
    await send(server, viewer.conversationId, viewer.token, await solidPng(64, 64), { as: 'sticker' });
    await say(viewer.socket, '谢谢', 'after-sticker');
    const types = viewer.socket.events(from).map((frame) => frame.event.type);
    expect(types).toContain('media-message');
    expect(types).not.toContain('handoff');
    expect(types).not.toContain('system-message');
  });
});

describe('media the AI can see and hear: vision model and speech recogniser configured', () => {
  let server: DeskServer;
  let llm: OpenAICompatibleServer;
  let speech: FakeSpeechServer;
  const sockets: ViewerTestClient[] = [];

  beforeAll(async () => {
    llm = await startOpenAICompatibleServer();
    llm.chat.respondWith((request) => {
      const user = request.messages.filter((message: ChatMessage) => message.role === 'user').at(-1);
      const seen = user ? messageImages(user).length : 0;
      return { content: seen > 0 ? `我看到了你的截图（${seen} 张）。` : '好的。' };
    });
    speech = await startFakeSpeechServer({ transcribe: () => '充值没到账' });
    server = await startDeskServer({
      LIVEDESK_LLM_BASE_URL: llm.baseURL,
      LIVEDESK_LLM_MODEL: 'vision-test-model',
      LIVEDESK_LLM_VISION: 'true',
      LIVEDESK_STT_BASE_URL: speech.baseURL,
      LIVEDESK_STT_MODEL: 'stt-test-model',
      LIVEDESK_MEDIA_WORDS_WAIT_MS: '300',
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await server?.close();
    await llm?.close();
    await speech?.close();
  });

  it('sends the screenshot to the model as an image part with the viewer’s words', async () => {
    const viewer = await joinViewer(server, sockets, 'media-vision');
    await say(viewer.socket, '充值没到账', 'words');
    const before = llm.chat.requests.length;
    const from = viewer.socket.mark();
    await send(server, viewer.conversationId, viewer.token, await solidPng(120, 80));
    const start = await viewer.socket.waitForEvent('turn-start', { from });
    expect(start.event.type === 'turn-start' && start.event.question).toBe('充值没到账');
    const end = await viewer.socket.waitForEvent('turn-end', { from });
    expect(end.event.type === 'turn-end' && end.event.delivered).toMatch(/我看到了你的截图（1 张）/);
    const withImage = llm.chat.requests
      .slice(before)
      .map((record) => (record.body as { messages: ChatMessage[] }).messages)
      .map((messages) => messages.filter((message) => message.role === 'user').at(-1)!)
      .find((message) => messageImages(message).length > 0);
    expect(withImage).toBeDefined();
    const [image] = messageImages(withImage!);
    expect(image).toMatch(/^data:image\/png;base64,/);
    expect(messageText(withImage!)).toContain('充值没到账');
  });

  it('transcribes a voice clip and answers it like a spoken question', async () => {
    const viewer = await joinViewer(server, sockets, 'media-stt');
    const from = viewer.socket.mark();
    await send(server, viewer.conversationId, viewer.token, silentWav(1.2));
    const media = await viewer.socket.waitForEvent('media-message', { from });
    const heard = await viewer.socket.waitForEvent('viewer-message', { from });
    expect(heard.event).toMatchObject({ text: '充值没到账', channel: 'voice' });
    expect(heard.event.type === 'viewer-message' && heard.event.clientMessageId).toBe(
      `media:${media.event.type === 'media-message' ? media.event.messageId : ''}`,
    );
    const start = await viewer.socket.waitForEvent('turn-start', { from });
    expect(start.event.type === 'turn-start' && start.event.question).toBe('充值没到账');
    expect(speech.transcriptions.at(-1)).toMatchObject({ durationMs: 1200 });
  });
});
