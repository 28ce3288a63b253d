import { describe, expect, it } from 'vitest';
import type { StoredConversationEvent } from '../ports.js';
import type { ConversationEvent } from './conversation-events.js';
import { restoreConversationState } from './restore-conversation.js';

const at = '2026-12-07T10:00:00.000Z';
const stored = (sequence: number, event: ConversationEvent): StoredConversationEvent<ConversationEvent> => ({
  conversationId: 'c-1',
  sequence,
  at,
  event,
});

describe('restoring what the platform posted', () => {
  it('takes the latest live context the platform set, and keeps platform notes out of the transcript', () => {
    const restored = restoreConversationState([
      stored(1, {
        type: 'conversation-opened',
        profile: {
          viewerId: 'pu:shop:buyer-7',
          tier: 'vip',
          verified: { platformId: 'shop', userId: 'buyer-7', vipLevel: 2 },
        },
        liveContext: { roomId: 'room-a' },
        at,
      }),
      stored(2, { type: 'live-context', liveContext: { roomId: 'room-a', productInView: 'SKU-1' }, at }),
      stored(3, {
        type: 'platform-event',
        platformId: 'shop',
        eventType: 'refund.completed',
        agentText: 'refund done',
        at,
      }),
      stored(4, {
        type: 'live-context',
        liveContext: { roomId: 'room-a', productInView: 'SKU-2', streamState: 'ended' },
        at,
      }),
    ]);
    expect(restored?.liveContext).toEqual({ roomId: 'room-a', productInView: 'SKU-2', streamState: 'ended' });
    expect(restored?.profile.verified).toEqual({ platformId: 'shop', userId: 'buyer-7', vipLevel: 2 });
    expect(restored?.transcript).toEqual([]);
  });
});
