import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSqliteAuditLog } from '../../adapters/sqlite/audit-log-store.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { AuditQuerySchema, type AuditLog } from './audit-log.js';
import { startAuditRetention, type AuditRetention } from './audit-retention.js';

const DAY_MS = 86_400_000;
const databases: ReturnType<typeof createSqliteDatabase>[] = [];
const retentions: AuditRetention[] = [];

afterEach(async () => {
  for (const retention of retentions.splice(0)) await retention.stop();
  for (const database of databases.splice(0)) database.close();
});

function setUp() {
  let now = new Date('2026-12-07T10:00:00.000Z');
  const database = createSqliteDatabase(':memory:');
  databases.push(database);
  const audit = createSqliteAuditLog(database, { clock: () => now });
  const recordAt = (iso: string, subject: string) => {
    now = new Date(iso);
    audit.record({ actorId: null, actorUsername: null, action: 'auth.login', outcome: 'failure', subject });
  };
  const subjects = async () =>
    (await audit.query(AuditQuerySchema.parse({ limit: 1000 }))).map((entry) => entry.subject);
  const logger = { info: vi.fn(), error: vi.fn() };
  return {
    audit,
    recordAt,
    subjects,
    logger,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    clock: () => now,
  };
}

describe('audit log retention', () => {
  it('prunes at start what is older than the retention period, and what ages out later on its interval', async () => {
    const { audit, recordAt, subjects, logger, setNow, clock } = setUp();
    recordAt('2026-10-01T00:00:00.000Z', 'old');
    recordAt('2026-11-20T00:00:00.000Z', 'middle');
    recordAt('2026-12-07T09:00:00.000Z', 'recent');
    setNow('2026-12-07T10:00:00.000Z');
    const retention = startAuditRetention({ audit, retentionDays: 30, intervalMs: 20, clock, logger });
    retentions.push(retention);
    await vi.waitFor(async () => expect(await subjects()).toEqual(['recent', 'middle']));
    expect(logger.info).toHaveBeenCalledWith(
      { deleted: 1, olderThan: new Date(Date.parse('2026-12-07T10:00:00.000Z') - 30 * DAY_MS).toISOString() },
      'audit log pruned',
    );
    // Three weeks on, "middle" is past 30 days: the next run takes it.
    setNow('2026-12-28T10:00:00.000Z');
    await vi.waitFor(async () => expect(await subjects()).toEqual(['recent']));
  });

  it('keeps everything with a retention of 0 days', async () => {
    const { audit, recordAt, subjects, logger, clock } = setUp();
    recordAt('2016-01-01T00:00:00.000Z', 'ancient');
    const retention = startAuditRetention({ audit, retentionDays: 0, intervalMs: 5, clock, logger });
    retentions.push(retention);
    expect(await retention.prune()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await subjects()).toEqual(['ancient']);
  });

  it('stops pruning once stopped', async () => {
    const { audit, recordAt, subjects, logger, setNow, clock } = setUp();
    recordAt('2026-12-01T00:00:00.000Z', 'kept');
    setNow('2026-12-07T10:00:00.000Z');
    const retention = startAuditRetention({ audit, retentionDays: 30, intervalMs: 10, clock, logger });
    await retention.stop();
    setNow('2027-06-01T00:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await subjects()).toEqual(['kept']);
  });

  it('logs a failed prune and tries again at the next interval', async () => {
    let calls = 0;
    const flaky: Pick<AuditLog, 'prune'> = {
      prune: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('database is locked')) : Promise.resolve(2);
      },
    };
    const logger = { info: vi.fn(), error: vi.fn() };
    const retention = startAuditRetention({ audit: flaky, retentionDays: 1, intervalMs: 10, logger });
    retentions.push(retention);
    await vi.waitFor(() => expect(logger.info).toHaveBeenCalled());
    expect(logger.error).toHaveBeenCalledWith(
      { error: expect.objectContaining({ message: 'database is locked' }) as Error },
      'audit log pruning failed; it is tried again at the next interval',
    );
  });
});
