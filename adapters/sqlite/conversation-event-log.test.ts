import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { runConversationEventLogContract } from '../../test/contracts/conversation-event-log.contract.js';
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

const openLog = (database: Database) =>
  createSqliteConversationEventLog<ConversationEvent>({ database, eventSchema: ConversationEventSchema });

runConversationEventLogContract('sqlite', () => {
  const file = openFile();
  let database = createSqliteDatabase(file);
  return Promise.resolve({
    log: openLog(database),
    reopen() {
      database.close();
      database = createSqliteDatabase(file);
      return Promise.resolve(openLog(database));
    },
    countRows: () =>
      Promise.resolve(
        database.prepare<[], { count: number }>('SELECT count(*) AS count FROM conversation_events').get()!
          .count,
      ),
    insertRaw(row) {
      database
        .prepare(
          'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES (?, ?, ?, ?, ?)',
        )
        .run(row.conversationId, row.sequence, row.type, row.at, row.body);
      return Promise.resolve();
    },
    cleanup() {
      database.close();
      return Promise.resolve();
    },
  });
});

describe('SQLite conversation event log', () => {
  it('rejects every append of a batch that could not be committed, and stores none of them', async () => {
    const database = createSqliteDatabase(openFile());
    const log = openLog(database);
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
});
