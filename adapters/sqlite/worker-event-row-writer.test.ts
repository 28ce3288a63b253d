import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import { createSqliteConversationEventLog } from './conversation-event-log.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createWorkerEventRowWriter } from './worker-event-row-writer.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-writer-'));
  folders.push(folder);
  return path.join(folder, 'livedesk.sqlite');
}

const message = (text: string) =>
  ({ type: 'viewer-message', text, channel: 'text', at: '2026-06-01T12:00:00.000Z' }) as const;

describe('event log committed on a writer thread', () => {
  it('has every append committed, in order, when it resolves, readable from the main connection', async () => {
    const file = openFile();
    const database = createSqliteDatabase(file);
    const writer = createWorkerEventRowWriter({ path: file, synchronous: 'full' });
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema, writer });
    const appends = Array.from({ length: 50 }, (_, index) =>
      log.append(`c${index % 2}`, '2026-06-01T12:00:00.000Z', message(`m${index}`)),
    );
    const first = await appends[0]!;
    expect(first.sequence).toBe(1);
    const stored = await Promise.all(appends);
    expect(stored.filter((event) => event.conversationId === 'c1').map((event) => event.sequence)).toEqual(
      Array.from({ length: 25 }, (_, index) => index + 1),
    );
    const texts = (await log.read('c0')).map((event) =>
      event.event.type === 'viewer-message' ? event.event.text : '',
    );
    expect(texts.slice(0, 3)).toEqual(['m0', 'm2', 'm4']);
    await writer.close();
    database.close();
  });

  it('rejects every append of a batch the database refused, and stores none of them', async () => {
    const file = openFile();
    const database = createSqliteDatabase(file);
    database.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON conversation_events
      WHEN NEW.body LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const writer = createWorkerEventRowWriter({ path: file, synchronous: 'normal' });
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema, writer });
    const results = await Promise.allSettled([
      log.append('c1', '2026-06-01T12:00:00.000Z', message('fine')),
      log.append('c1', '2026-06-01T12:00:00.000Z', message('poison')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await log.read('c1')).toEqual([]);
    await expect(log.append('c1', '2026-06-01T12:00:00.000Z', message('later'))).resolves.toMatchObject({
      sequence: 1,
    });
    await writer.close();
    await expect(log.append('c1', '2026-06-01T12:00:00.000Z', message('too late'))).rejects.toThrow(/closed/);
    database.close();
  });
});
