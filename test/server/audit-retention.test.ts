import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSqliteAuditLog } from '../../adapters/sqlite/audit-log-store.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { AuditQuerySchema } from '../../server/audit/audit-log.js';
import { loadConfig } from '../../server/config.js';
import { databasePath } from '../../server/knowledge-runtime.js';
import { startServer, type RunningServer } from '../../server/start-server.js';

let dataDir: string | undefined;
let running: RunningServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('LIVEDESK_AUDIT_RETENTION_DAYS', () => {
  it('defaults to a year, keeps everything at 0, and refuses a negative number', () => {
    expect(loadConfig({}).auth.auditRetentionDays).toBe(365);
    expect(loadConfig({ LIVEDESK_AUDIT_RETENTION_DAYS: '0' }).auth.auditRetentionDays).toBe(0);
    expect(() => loadConfig({ LIVEDESK_AUDIT_RETENTION_DAYS: '-1' })).toThrow(
      /LIVEDESK_AUDIT_RETENTION_DAYS/,
    );
  });

  it('a started server prunes the audit entries older than the retention period', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-audit-retention-'));
    const config = loadConfig({
      LIVEDESK_DATA_DIR: dataDir,
      PORT: '0',
      LIVEDESK_SEED_DEMO: 'false',
      LIVEDESK_ADMIN_PASSWORD: 'admin-password',
      LIVEDESK_AUDIT_RETENTION_DAYS: '30',
    });
    // Entries written by an earlier run: one from 40 days ago, one from yesterday.
    const database = createSqliteDatabase(databasePath(config));
    const day = 86_400_000;
    for (const [daysAgo, subject] of [
      [40, 'forty-days-ago'],
      [1, 'yesterday'],
    ] as const) {
      createSqliteAuditLog(database, { clock: () => new Date(Date.now() - daysAgo * day) }).record({
        actorId: null,
        actorUsername: null,
        action: 'auth.login',
        outcome: 'failure',
        subject,
      });
    }
    database.close();

    running = await startServer({ config, hostname: '127.0.0.1' });
    const reader = createSqliteDatabase(databasePath(config));
    try {
      const subjects = async () =>
        (await createSqliteAuditLog(reader).query(AuditQuerySchema.parse({ action: 'auth' }))).map(
          (entry) => entry.subject,
        );
      await vi.waitFor(async () => expect(await subjects()).toEqual(['yesterday']), { timeout: 10_000 });
    } finally {
      reader.close();
    }
  }, 120_000);
});
