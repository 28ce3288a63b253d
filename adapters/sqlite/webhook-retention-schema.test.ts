import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqliteDatabase, SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { createSqliteWebhookStore } from './webhook-store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the webhook retention migration', () => {
  it('upgrades a file with subscriptions and dead letters in place', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'livedesk-webhook-upgrade-'));
    folders.push(folder);
    const database = new Database(join(folder, 'livedesk.sqlite'));
    const before = SQLITE_MIGRATIONS.findIndex((migration) =>
      migration.description.includes('secret rotation'),
    );
    expect(before).toBeGreaterThan(0);
    // As a user's file is today: the webhook tables without the rotation columns.
    migrateSqliteDatabase(database, SQLITE_MIGRATIONS.slice(0, before));
    database
      .prepare(
        `INSERT INTO webhook_subscriptions VALUES ('wh_aaaaaaaa', 'https://hooks.example.com/', '["ticket.created"]', 1,
           '', 'whsec_old', '2026-12-01T00:00:00.000Z', 'admin', '2026-12-01T00:00:00.000Z')`,
      )
      .run();
    database
      .prepare(
        `INSERT INTO webhook_deliveries VALUES ('dl_1', 'wh_aaaaaaaa', 'evt_1', 'ticket.created', '{}', 'dead', 8, 0,
           'HTTP 500', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z')`,
      )
      .run();

    migrateSqliteDatabase(database);
    const store = createSqliteWebhookStore({ database });
    const kept = await store.getSubscription('wh_aaaaaaaa');
    expect(kept).toMatchObject({ secret: 'whsec_old' });
    expect(kept?.previousSecret).toBeUndefined();
    expect(
      await store.rotateSecret('wh_aaaaaaaa', {
        secret: 'whsec_new',
        previousExpiresAt: '2026-12-09T00:00:00.000Z',
        updatedAt: '2026-12-08T00:00:00.000Z',
      }),
    ).toMatchObject({ previousSecret: { secret: 'whsec_old' } });
    expect(
      await store.pruneDeadLetters({ failedBefore: '2026-11-01T00:00:00.000Z', keepPerSubscription: 10 }),
    ).toBe(1);
    database.close();
  });
});
