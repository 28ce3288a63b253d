import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
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
