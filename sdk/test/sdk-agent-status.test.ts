import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startWebTestServer, type WebTestServer } from '../../test/browser/web-test-server.js';
import { AgentTestClient } from '../../test/server/agent-test-client.js';
import { AGENT_TYPING_TIMEOUT_MS, connect, type LivedeskClient, type LivedeskEvent } from '../src/index.js';
import { EventRecorder, NodeWebSocket } from './sdk-test-helpers.js';

type AgentTyping = Extract<LivedeskEvent, { type: 'typing'; who: 'agent' }>;
const isAgentTyping = (event: LivedeskEvent): event is AgentTyping =>
  event.type === 'typing' && event.who === 'agent';

describe('the SDK tells the app about the agent', () => {
  let server: WebTestServer;
  const clients: LivedeskClient[] = [];
  const consoles: AgentTestClient[] = [];

  beforeAll(async () => {
    server = await startWebTestServer({ LIVEDESK_OFFER_TIMEOUT_MS: '600000' });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(consoles.map((agent) => agent.close()));
    await server?.close();
  });

  it('yields who joined, and typing for the agent that ends on their message, a stop, or silence', async () => {
    const client = await connect({
      baseUrl: server.url,
      roomId: 'sdk-agent-room',
      locale: 'zh-CN',
      WebSocket: NodeWebSocket,
    });
    clients.push(client);
    const recorder = new EventRecorder(client);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const agent = await AgentTestClient.connect(`${server.url.replace(/^http/u, 'ws')}/ws/agent`);
    consoles.push(agent);
    const { user } = await agent.authenticate(token);
    await client.send('转人工');
    const conversationId = client.conversationId!;
    await agent.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    expect(await agent.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });

    const joined = await recorder.waitFor(
      (event) => event.type === 'event' && event.event.type === 'agent-joined',
    );
    expect(joined).toMatchObject({
      type: 'event',
      event: { type: 'agent-joined', agentId: user.id, agentName: 'Ada Agent' },
    });
    // Stored: it has its place in the log, and comes once across reconnects.
    expect(joined.type === 'event' && joined.sequence).toBeGreaterThan(0);

    // Typing, repeated (kept alive, yielded once), then the agent's message ends it.
    let from = recorder.mark();
    agent.send({ type: 'typing', conversationId, active: true });
    await recorder.waitFor((event) => isAgentTyping(event) && event.active, from);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    agent.send({ type: 'typing', conversationId, active: true });
    expect(await agent.command({ type: 'reply', conversationId, text: '您好' })).toMatchObject({
      type: 'ack',
    });
    await recorder.waitFor((event) => isAgentTyping(event) && !event.active, from);
    expect(recorder.seen.slice(from).filter(isAgentTyping)).toEqual([
      { type: 'typing', who: 'agent', active: true },
      { type: 'typing', who: 'agent', active: false },
    ]);

    // A stop from the console ends it at once.
    from = recorder.mark();
    agent.send({ type: 'typing', conversationId, active: true });
    await recorder.waitFor((event) => isAgentTyping(event) && event.active, from);
    agent.send({ type: 'typing', conversationId, active: false });
    await recorder.waitFor((event) => isAgentTyping(event) && !event.active, from);

    // Silence (the console stopped repeating without a stop) ends it after the timeout.
    from = recorder.mark();
    agent.send({ type: 'typing', conversationId, active: true });
    await recorder.waitFor((event) => isAgentTyping(event) && event.active, from);
    const startedMs = performance.now();
    await recorder.waitFor(
      (event) => isAgentTyping(event) && !event.active,
      from,
      AGENT_TYPING_TIMEOUT_MS + 5000,
    );
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(AGENT_TYPING_TIMEOUT_MS - 100);
  }, 90_000);
});
