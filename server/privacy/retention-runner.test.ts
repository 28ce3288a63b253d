import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteConversationEventLog } from '../../adapters/sqlite/conversation-event-log.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqlitePersonalDataStore } from '../../adapters/sqlite/personal-data-store.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { NewAuditEntry } from '../audit/audit-log.js';
import { startRetentionRunner, type RetentionRunner } from './retention-runner.js';

const quiet = { info: () => undefined, error: () => undefined };

describe('the retention runner in anonymise mode, on a real SQLite file', () => {
  let folder: string;
  let database: ReturnType<typeof createSqliteDatabase>;
  let runner: RetentionRunner | undefined;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-retention-unit-'));
    database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  });
  afterEach(async () => {
    await runner?.stop();
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('anonymises closed conversations older than the period once, records the count, and skips them after', async () => {
    const log = createSqliteConversationEventLog<ConversationEvent>({
      database,
      eventSchema: ConversationEventSchema,
    });
    for (const [id, at] of [
      ['c-old', '2026-01-01T00:00:00.000Z'],
      ['c-recent', '2026-03-20T00:00:00.000Z'],
    ] as const) {
      await log.append(id, at, {
        type: 'conversation-opened',
        profile: { viewerId: `viewer-${id}`, tier: 'regular', displayName: 'Xiao Wang' },
        liveContext: {},
        at,
      });
      await log.append(id, at, { type: 'viewer-message', text: '电话 13812345678', channel: 'text', at });
      await log.append(id, at, {
        type: 'state-change',
        from: 'ai',
        to: 'closed',
        reason: 'viewer left',
        at,
      });
    }
    const recorded: NewAuditEntry[] = [];
    let stillJoined = true;
    runner = startRetentionRunner({
      policy: { conversationsDays: 30, ticketsDays: 0, mode: 'anonymise', intervalMs: 3_600_000 },
      personalData: createSqlitePersonalDataStore({ database }),
      audit: { record: (entry) => recorded.push(entry) },
      isResponsible: () => false,
      clock: () => new Date('2026-04-01T00:00:00.000Z'),
      logger: quiet,
      // A viewer's socket still on the closed conversation: memory could write to it, so it waits.
      held: { release: () => !stillJoined },
    });
    expect(recorded).toEqual([]);
    expect(await runner.runOnce()).toMatchObject({ conversations: 0 });
    expect(JSON.stringify(await log.read('c-old'))).toContain('13812345678');
    stillJoined = false;
    expect(await runner.runOnce()).toMatchObject({ mode: 'anonymise', conversations: 1, tickets: 0 });
    const text = JSON.stringify(await log.read('c-old'));
    for (const secret of ['13812345678', 'viewer-c-old', 'Xiao Wang']) expect(text).not.toContain(secret);
    expect(JSON.stringify(await log.read('c-recent'))).toContain('13812345678');
    expect(recorded).toMatchObject([
      {
        action: 'privacy.retention.run',
        actorId: null,
        details: { mode: 'anonymise', conversations: 1, tickets: 0 },
      },
    ]);
    // Already anonymous: the next run finds nothing and records nothing.
    expect(await runner.runOnce()).toMatchObject({ conversations: 0 });
    expect(recorded).toHaveLength(1);
  });
});
