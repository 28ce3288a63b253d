import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { runConversationQueriesContract } from '../../test/contracts/conversation-queries.contract.js';
import { createSqliteConversationEventLog } from './conversation-event-log.js';
import { createSqliteConversationQueries } from './conversation-queries.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

runConversationQueriesContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-history-'));
  const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  return Promise.resolve({
    queries: createSqliteConversationQueries({ database }),
    log: createSqliteConversationEventLog<ConversationEvent>({
      database,
      eventSchema: ConversationEventSchema,
    }),
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
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('SQLite conversation queries', () => {
  let folder: string;
  let database: Database;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-history-'));
    database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  });

  afterEach(() => {
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('looks a viewer up through an index and reads each conversation through its own events', async () => {
    // The SQL the adapter prepares, explained by SQLite itself.
    const prepared: string[] = [];
    const spied = new Proxy(database, {
      get(target, property) {
        if (property === 'prepare')
          return (sql: string) => {
            prepared.push(sql);
            return target.prepare(sql);
          };
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    await createSqliteConversationQueries({ database: spied }).list({ viewerId: 'viewer-1' }, { limit: 5 });
    const listSql = prepared.find((sql) => sql.includes("o.type = 'conversation-opened'"));
    expect(listSql).toBeDefined();
    const parameters = (listSql!.match(/\?/g) ?? []).map(() => 'x');
    const plan = database
      .prepare<unknown[], { parent: number; detail: string }>(`EXPLAIN QUERY PLAN ${listSql!}`)
      .all(...parameters);
    const topLevel = plan.filter((row) => row.parent === 0).map((row) => row.detail);
    expect(topLevel[0]).toContain('USING INDEX conversation_events_opened_by_viewer');
    // No sorting of the whole result: the index gives the page order, so LIMIT stops the scan early.
    expect(topLevel.filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([]);
    // Every per-conversation read is an index search, never a scan of the table.
    expect(plan.filter((row) => /^SCAN (conversation_events|[aeo])\b/.test(row.detail))).toEqual([]);
  });
});
