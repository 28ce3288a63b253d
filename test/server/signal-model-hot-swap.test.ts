import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../../server/conversation-history/conversation-queries.js';
import { alwaysFiresSignalModel } from '../support/always-fires-signal-model.js';
import { startDeskServer, type DeskServer } from './desk-server.js';

/** A question the knowledge base answers and no word list takes for a request for a person. */
const QUESTION = '怎么给主播送礼物';

describe('activating a signal model in the admin while viewers talk', () => {
  let server: DeskServer;
  let editor: string;
  let supervisor: string;
  beforeAll(async () => {
    server = await startDeskServer();
    editor = (await server.login('editor')).token;
    supervisor = (await server.login('supervisor')).token;
    const uploaded = await fetch(`${server.baseUrl}/api/signals/models?name=always.json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: JSON.stringify(alwaysFiresSignalModel()),
    });
    expect(uploaded.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  const activate = async (version: number | null) => {
    const response = await server.request('/api/signals/active-model', {
      method: 'PUT',
      token: editor,
      json: { version },
    });
    expect(response.status).toBe(200);
  };

  /** A viewer in a conversation of their own; `ask` resolves to what the desk holds once the turn ended. */
  const newViewer = async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'demo-room', locale: 'zh' });
    const { conversationId } = await viewer.join({ token });
    return {
      async ask(text: string): Promise<ConversationDetail> {
        const from = viewer.mark();
        viewer.send({ type: 'message', text });
        await viewer.waitForEvent('turn-end', { from });
        const response = await server.request(`/api/conversations/${conversationId}`, { token: supervisor });
        return (await response.json()) as ConversationDetail;
      },
    };
  };

  it('reads the next message with the newly active model, and without it once rolled back', async () => {
    const first = await newViewer();
    const before = await first.ask(QUESTION);
    expect(before.conversation.state).toBe('ai');
    expect(before.handoff).toBeNull();

    // The same words again, after the swap: the old reading of them is not reused.
    await activate(1);
    const after = await first.ask(QUESTION);
    expect(after.conversation.state).toBe('pending_human');
    expect(after.handoff?.reasons).toContain('human_request');
    expect(after.handoff?.details.join(' ')).toMatch(/model:1\.00/);

    await activate(null);
    const rolledBack = await (await newViewer()).ask(QUESTION);
    expect(rolledBack.conversation.state).toBe('ai');
    expect(rolledBack.handoff).toBeNull();

    await activate(1);
    expect((await (await newViewer()).ask(QUESTION)).handoff?.reasons).toContain('human_request');
  });
});
