import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWav } from '../support/media-fixtures.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

/** Voice clips with a recogniser configured: transcribed for the agents too, a bounded number at a time. */

async function upload(server: DeskServer, conversationId: string, token: string, body: Uint8Array) {
  return fetch(`${server.baseUrl}/api/media?${new URLSearchParams({ conversationId }).toString()}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
}

describe('voice clip transcripts', () => {
  let server: DeskServer;
  let speech: FakeSpeechServer;
  let agent: AgentTestClient;
  const sockets: ViewerTestClient[] = [];

  beforeAll(async () => {
    // A slow recogniser (three seconds a clip), two clips at once and one waiting: a burst of four overflows.
    speech = await startFakeSpeechServer({ transcribe: () => '我充值的金币没到账', transcribeDelayMs: 3000 });
    server = await startDeskServer({
      LIVEDESK_STT_BASE_URL: speech.baseURL,
      LIVEDESK_STT_MODEL: 'stt-test-model',
      LIVEDESK_STT_CLIP_CONCURRENCY: '2',
      LIVEDESK_STT_CLIP_QUEUE: '1',
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
    });
    const staff = await server.createStaff({ username: 'clip-agent', role: 'agent', teams: ['support'] });
    agent = await server.connectAgent();
    await agent.authenticate(staff.token);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await server?.close();
    await speech?.close();
  });

  async function joinViewer(viewerId: string) {
    const issued = await server.viewerToken({ roomId: 'clip-room', viewerId, locale: 'zh' });
    const socket = await server.connectViewer();
    sockets.push(socket);
    const { conversationId } = await socket.join({ token: issued.token });
    return { ...issued, conversationId, socket };
  }

  it('transcribes a clip sent while a person has the conversation, for the agent, without an AI answer', async () => {
    const viewer = await joinViewer('clip-human');
    viewer.socket.send({ type: 'message', text: '我要人工', clientMessageId: 'ask-human' });
    await agent.waitForType('assignment', {
      where: (frame) => frame.conversationId === viewer.conversationId && frame.status === 'offered',
    });
    expect((await agent.command({ type: 'accept', conversationId: viewer.conversationId })).type).toBe('ack');
    await viewer.socket.waitForEvent('state-change', { where: (event) => event.to === 'human' });
    const from = viewer.socket.mark();
    const agentFrom = agent.mark();
    const sent = await upload(server, viewer.conversationId, viewer.token, silentWav(1.5));
    expect(sent.status).toBe(201);
    const clip = await agent.waitForConversationEvent(viewer.conversationId, 'media-message', {
      from: agentFrom,
    });
    // The agent reads the clip's words beside the player: the voice message naming the clip.
    const heard = await agent.waitForConversationEvent(viewer.conversationId, 'viewer-message', {
      from: agentFrom,
      where: (event) => event.clientMessageId === `media:${clip.event.messageId}`,
    });
    expect(heard.event).toMatchObject({ text: '我充值的金币没到账', channel: 'voice' });
    expect(speech.transcriptions.at(-1)).toMatchObject({ durationMs: 1500 });
    // People have it: the assistant neither answers nor hands it over again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const types = viewer.socket.events(from).map((frame) => frame.event.type);
    expect(types).toContain('viewer-message');
    expect(types).not.toContain('turn-start');
    expect(types).not.toContain('system-message');
  });

  it('transcribes at most the configured clips at once; a clip past the queue is left for people, and said so', async () => {
    const viewers = await Promise.all(['burst-1', 'burst-2', 'burst-3', 'burst-4'].map(joinViewer));
    const before = speech.transcriptions.length;
    const marks = viewers.map((viewer) => viewer.socket.mark());
    const sent = await Promise.all(
      viewers.map((viewer) => upload(server, viewer.conversationId, viewer.token, silentWav(1))),
    );
    expect(sent.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    // Each viewer gets an outcome: the clip's words (answered), or the notice that a person will listen.
    const outcome = (index: number) => {
      const types = viewers[index]!.socket.events(marks[index]).map((frame) => frame.event);
      if (types.some((event) => event.type === 'viewer-message')) return 'heard';
      const told = types.some(
        (event) => event.type === 'system-message' && /已经请人工客服来听/.test(event.text),
      );
      return told && types.some((event) => event.type === 'handoff') ? 'left for people' : 'waiting';
    };
    await expect
      .poll(() => viewers.map((_, index) => outcome(index)).includes('waiting'), { timeout: 15_000 })
      .toBe(false);
    const outcomes = viewers.map((_, index) => outcome(index));
    expect(outcomes.filter((outcome) => outcome === 'heard')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === 'left for people')).toHaveLength(1);
    expect(speech.transcriptions.length - before).toBe(3);
    expect(speech.peakOpenTranscriptions).toBe(2);
    // The refusal is counted where operators look.
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^livedesk_media_clip_transcriptions_refused_total 1$/m);
  });
});
