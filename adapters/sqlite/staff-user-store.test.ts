import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runStaffUserStoreContract, staffRecord } from '../../test/contracts/staff-user-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteStaffUserStore } from './staff-user-store.js';

runStaffUserStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-staff-users-'));
  const file = path.join(folder, 'livedesk.sqlite');
  const opened: Database[] = [];
  const open = () => {
    const database = createSqliteDatabase(file);
    opened.push(database);
    return createSqliteStaffUserStore(database);
  };
  return Promise.resolve({
    store: open(),
    openAnother: () => Promise.resolve(open()),
    cleanup: () => {
      for (const database of opened) database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('SQLite staff user store', () => {
  it('refuses to read a row whose JSON columns were corrupted', async () => {
    const database = createSqliteDatabase(':memory:');
    const users = createSqliteStaffUserStore(database);
    await users.create(staffRecord('u1', 'ann'));
    database.prepare(`UPDATE staff_users SET skills = '{"not":"a list"}' WHERE id = 'u1'`).run();
    expect(() => users.get('u1')).toThrow();
  });
});
