import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationState } from '../../engine/conversation/conversation-state.js';
import { createSqliteConversationEventLog } from './conversation-event-log.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-events-'));
  folders.push(folder);
  return path.join(folder, 'livedesk.sqlite');
}

describe('SQLite conversation event log', () => {
  it('numbers events per conversation and reads them back after a reopen', async () => {
    const file = openFile();
    const database = createSqliteDatabase(file);
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
    await log.append('c1', '2026-06-01T12:00:00.000Z', {
      type: 'viewer-message',
      text: '你好',
      channel: 'text',
      at: '2026-06-01T12:00:00.000Z',
    });
    await log.append('c2', '2026-06-01T12:00:01.000Z', { type: 'turn-start', turnId: 't1', question: 'hi' });
    const stored = await log.append('c1', '2026-06-01T12:00:02.000Z', {
      type: 'state-change',
      from: 'ai',
      to: 'pending_human',
      reason: 'anger',
      at: '2026-06-01T12:00:02.000Z',
    });
    expect(stored.sequence).toBe(2);
    database.close();

    const reopened = createSqliteDatabase(file);
    const again = createSqliteConversationEventLog({
      database: reopened,
      eventSchema: ConversationEventSchema,
    });
    const events = await again.read('c1');
    expect(events.map((event) => [event.sequence, event.event.type])).toEqual([
      [1, 'viewer-message'],
      [2, 'state-change'],
    ]);
    expect((await again.read('c1', { afterSequence: 1 })).map((event) => event.sequence)).toEqual([2]);
    reopened.close();
  });

  it('stores a burst of appends in call order, all committed before the first one resolves', async () => {
    const database = createSqliteDatabase(openFile());
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
    const countRows = database.prepare<[], { count: number }>(
      'SELECT count(*) AS count FROM conversation_events',
    );
    const appends = Array.from({ length: 300 }, (_, index) =>
      log.append(`c${index % 3}`, '2026-06-01T12:00:00.000Z', {
        type: 'viewer-message',
        text: `message ${index}`,
        channel: 'text',
        at: '2026-06-01T12:00:00.000Z',
      }),
    );
    const rowsWhenFirstResolved = await appends[0]!.then(() => countRows.get()!.count);
    expect(rowsWhenFirstResolved).toBe(300);
    const stored = await Promise.all(appends);
    expect(stored.filter((event) => event.conversationId === 'c1').map((event) => event.sequence)).toEqual(
      Array.from({ length: 100 }, (_, index) => index + 1),
    );
    const texts = (await log.read('c2')).map((event) =>
      event.event.type === 'viewer-message' ? event.event.text : '',
    );
    expect(texts.slice(0, 3)).toEqual(['message 2', 'message 5', 'message 8']);
    database.close();
  });

  it('rejects every append of a batch that could not be committed, and stores none of them', async () => {
    const database = createSqliteDatabase(openFile());
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
    database.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON conversation_events
      WHEN NEW.body LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const event = (text: string) =>
      ({ type: 'viewer-message', text, channel: 'text', at: '2026-06-01T12:00:00.000Z' }) as const;
    const results = await Promise.allSettled([
      log.append('c1', '2026-06-01T12:00:00.000Z', event('fine')),
      log.append('c1', '2026-06-01T12:00:00.000Z', event('poison')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await log.read('c1')).toEqual([]);
    database.close();
  });

  it('lists conversations by the state their latest change went to, oldest change first', async () => {
    const file = openFile();
    const database = createSqliteDatabase(file);
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
    const change = async (
      conversationId: string,
      from: ConversationState,
      to: ConversationState,
      at: string,
    ): Promise<void> => {
      await log.append(conversationId, at, { type: 'state-change', from, to, reason: 'test', at });
    };
    await change('waiting-long', 'ai', 'pending_human', '2026-06-01T12:00:01.000Z');
    await change('served', 'ai', 'pending_human', '2026-06-01T12:00:02.000Z');
    await change('served', 'pending_human', 'human', '2026-06-01T12:00:05.000Z');
    await change('requeued', 'ai', 'pending_human', '2026-06-01T12:00:00.000Z');
    await change('requeued', 'pending_human', 'human', '2026-06-01T12:00:03.000Z');
    await change('requeued', 'human', 'pending_human', '2026-06-01T12:00:04.000Z');
    await change('closed', 'ai', 'closed', '2026-06-01T12:00:06.000Z');
    // Later events that are not state changes leave the state as it was.
    await log.append('served', '2026-06-01T12:00:07.000Z', {
      type: 'agent-message',
      agentId: 'agent-ann',
      text: '你好',
      at: '2026-06-01T12:00:07.000Z',
    });
    await log.append('never-escalated', '2026-06-01T12:00:08.000Z', {
      type: 'viewer-message',
      text: 'hi',
      channel: 'text',
      at: '2026-06-01T12:00:08.000Z',
    });
    database.close();

    const reopened = createSqliteDatabase(file);
    const again = createSqliteConversationEventLog({
      database: reopened,
      eventSchema: ConversationEventSchema,
    });
    expect(await again.conversationsInState?.(['pending_human', 'human'])).toEqual([
      { conversationId: 'waiting-long', state: 'pending_human', at: '2026-06-01T12:00:01.000Z' },
      { conversationId: 'requeued', state: 'pending_human', at: '2026-06-01T12:00:04.000Z' },
      { conversationId: 'served', state: 'human', at: '2026-06-01T12:00:05.000Z' },
    ]);
    expect((await again.conversationsInState?.(['closed']))?.map((row) => row.conversationId)).toEqual([
      'closed',
    ]);
    expect(await again.conversationsInState?.([])).toEqual([]);
    reopened.close();
  });

  it('refuses a stored event that no longer validates', async () => {
    const database = createSqliteDatabase(openFile());
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
    database
      .prepare(
        "INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES ('c1', 1, 'turn-end', 'x', '{\"type\":\"turn-end\"}')",
      )
      .run();
    await expect(log.read('c1')).rejects.toBeDefined();
    database.close();
  });
});
