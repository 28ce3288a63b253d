import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { createSqliteConversationEventLog } from '../../adapters/sqlite/conversation-event-log.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import { createAutoReplier } from '../../server/desk/desk-content.js';
import type { AutoReplier } from '../../server/desk/auto-replier.js';
import { startDeskContentTestServer, type DeskContentTestServer } from './desk-content-test-server.js';

let server: DeskContentTestServer;
let replier: AutoReplier | undefined;

beforeAll(async () => {
  server = await startDeskContentTestServer({ clock: () => new Date() });
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  replier?.close();
  vi.useRealTimers();
});

describe('auto-replies in a real conversation', () => {
  it('a viewer waiting for a person asks about top-ups and gets the stored demo rule once, recorded in the log', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-06-01T12:00:00.000Z'));
    const auto = createAutoReplier(server.deskContent);
    replier = auto;
    const { conversation, events } = server.openConversation({
      viewerId: 'v-9',
      tier: 'regular',
      locale: 'zh',
    });
    // What the desk service does: every event of the conversation goes to the auto-replier, in order.
    let fed = 0;
    const feed = () => {
      for (const event of events.slice(fed)) auto.observe(conversation.id, event, conversation);
      fed = events.length;
    };
    expect(conversation.escalate('human_request')).toBe(true);
    conversation.viewerMessage('请问怎么充值？');
    feed();
    expect(conversation.state).toBe('pending_human');

    vi.advanceTimersByTime(30_000);
    feed();
    conversation.viewerMessage('充值还是不会');
    feed();
    vi.advanceTimersByTime(5 * 60_000);
    feed();

    const autoReplies = events.filter(
      (event): event is Extract<ConversationEvent, { type: 'system-message' }> =>
        event.type === 'system-message' && event.kind === 'auto-reply',
    );
    expect(autoReplies).toHaveLength(1);
    expect(autoReplies[0]).toMatchObject({ ruleId: 'demo.topup.zh', at: '2026-06-01T12:00:30.000Z' });
    expect(autoReplies[0]?.text).toContain('我的 > 钱包 > 充值');
    // No AI turn ran: the viewer waits for a person.
    expect(events.some((event) => event.type === 'turn-start')).toBe(false);

    vi.useRealTimers();
    await server.hub.flushed();
    const log = createSqliteConversationEventLog({
      database: server.database,
      eventSchema: ConversationEventSchema,
    });
    const stored = (await log.read(conversation.id)).map((entry) => entry.event);
    expect(stored.filter((event) => event.type === 'system-message')).toHaveLength(1);
  });
});
