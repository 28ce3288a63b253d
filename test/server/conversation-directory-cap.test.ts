import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationDirectory } from '../../server/desk/conversation-directory.js';
import type { ConversationChannel } from '../../server/realtime/conversation-channel.js';
import { openObservedHub, type ObservedHubFixture } from '../support/observed-hub-fixture.js';

/** Issue 12: one token opened 20,000 conversations in 51 s, each kept in memory for ten minutes. */
describe('conversation memory under pressure', () => {
  let fixture: ObservedHubFixture;
  let directory: ConversationDirectory;
  let nowMs: number;

  beforeEach(async () => {
    fixture = await openObservedHub();
    nowMs = 0;
    directory = new ConversationDirectory({
      hub: fixture.hub,
      events: fixture.events,
      idleMs: 10 * 60_000,
      maxLive: 3,
      nowMs: () => nowMs,
    });
  });
  afterEach(async () => {
    directory.close();
    await fixture.close();
  });

  async function openSettled(viewerId: string): Promise<ConversationChannel> {
    const channel = directory.open({ profile: { viewerId, tier: 'regular' }, liveContext: { roomId: 'r1' } });
    await fixture.hub.flushed();
    for (let turn = 0; turn < 100 && !channel.settled; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    nowMs += 1000;
    return channel;
  }

  it('lets the least recently active conversations go past the cap, long before they are idle, and rebuilds them on return', async () => {
    const first = await openSettled('v1');
    const second = await openSettled('v2');
    const third = await openSettled('v3');
    // The first one spoke last: the second is now the quietest.
    first.conversation.systemMessage({ kind: 'notice', text: 'hello again' });
    await fixture.hub.flushed();
    for (let turn = 0; turn < 100 && !first.settled; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    const fourth = await openSettled('v4');

    expect(directory.size).toBe(3);
    expect(directory.get(second.conversationId)).toBeUndefined();
    for (const kept of [first, third, fourth]) expect(directory.get(kept.conversationId)).toBe(kept);

    const back = await directory.load(second.conversationId);
    expect(back?.conversation.profile.viewerId).toBe('v2');
    expect(directory.size).toBeLessThanOrEqual(3);
  });

  it('never lets go of a conversation someone follows, even over the cap', async () => {
    const followed = await openSettled('v1');
    const unsubscribe = followed.subscribe(() => undefined);
    for (const viewerId of ['v2', 'v3', 'v4', 'v5']) await openSettled(viewerId);
    expect(directory.get(followed.conversationId)).toBe(followed);
    expect(directory.size).toBe(3);
    unsubscribe();
  });
});
