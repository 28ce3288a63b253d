import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { ConversationDirectory } from '../../server/desk/conversation-directory.js';
import type { ConversationChannel } from '../../server/realtime/conversation-channel.js';
import { openObservedHub, type ObservedHubFixture } from '../support/observed-hub-fixture.js';

const IDLE_MS = 60_000;

describe('conversation directory memory', () => {
  let fixture: ObservedHubFixture;
  let hub: ConversationHub;
  let directory: ConversationDirectory;
  let nowMs: number;

  beforeEach(async () => {
    fixture = await openObservedHub();
    hub = fixture.hub;
    nowMs = 0;
    directory = new ConversationDirectory({
      hub,
      events: fixture.events,
      idleMs: IDLE_MS,
      nowMs: () => nowMs,
    });
  });
  afterEach(async () => {
    directory.close();
    await fixture.close();
  });

  async function answered(channel: ConversationChannel, text: string): Promise<void> {
    channel.conversation.viewerMessage(text);
    await channel.conversation.idle();
    await hub.flushed();
    for (let turn = 0; turn < 100 && !channel.settled; turn++)
      await new Promise((resolve) => setImmediate(resolve));
  }

  it('lets a quiet conversation nobody follows leave memory, and rebuilds it with its history on return', async () => {
    const channel = directory.open({
      profile: { viewerId: 'v1', tier: 'regular' },
      liveContext: { roomId: 'r1' },
    });
    await answered(channel, '怎么充值金币');
    nowMs += IDLE_MS - 1;
    expect(directory.sweep()).toBe(0);
    nowMs += 2;
    expect(directory.sweep()).toBe(1);
    expect(directory.get(channel.conversationId)).toBeUndefined();

    const back = await directory.load(channel.conversationId);
    expect(back).toBeDefined();
    expect(back).not.toBe(channel);
    expect(back!.conversation.transcript.map((line) => line.speaker)).toEqual(['viewer', 'assistant']);
  });

  it('keeps a conversation someone is following, and one waiting for a person', async () => {
    const followed = directory.open({
      profile: { viewerId: 'v1', tier: 'regular' },
      liveContext: { roomId: 'r1' },
    });
    const unsubscribe = followed.subscribe(() => undefined);
    await answered(followed, '怎么充值金币');
    const waiting = directory.open({
      profile: { viewerId: 'v2', tier: 'regular' },
      liveContext: { roomId: 'r1' },
    });
    await answered(waiting, '我要人工客服');
    expect(waiting.conversation.state).toBe('pending_human');
    nowMs += IDLE_MS * 2;
    expect(directory.sweep()).toBe(0);
    unsubscribe();
    expect(directory.sweep()).toBe(1);
    expect(directory.get(waiting.conversationId)).toBe(waiting);
  });
});
