import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TICKET_DEPARTMENTS } from '../../engine/tickets/ticket-test-fixtures.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteTicketDepartmentStore } from './ticket-department-store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-departments-'));
  folders.push(folder);
  return path.join(folder, 'livedesk.sqlite');
}

describe('SQLite ticket department store', () => {
  it('seeds only an empty store, keeps edits across a reopen and lists by position', async () => {
    const file = openFile();
    let database = createSqliteDatabase(file);
    let store = createSqliteTicketDepartmentStore({ database });
    expect(await store.seed(TICKET_DEPARTMENTS)).toBe(5);
    const finance = TICKET_DEPARTMENTS.find((department) => department.id === 'finance')!;
    await store.put({ ...finance, names: { zh: '财务部', en: 'Finance' }, position: 1 });
    database.close();

    database = createSqliteDatabase(file);
    store = createSqliteTicketDepartmentStore({ database });
    expect(await store.seed(TICKET_DEPARTMENTS)).toBe(0);
    const listed = await store.list();
    expect(listed.map((department) => department.id)).toEqual([
      'finance',
      'general',
      'logistics',
      'tech',
      'after-sales',
    ]);
    expect(listed[0]?.names.zh).toBe('财务部');
    database.close();
  });

  it('moves the default in one write, so exactly one department is the default', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteTicketDepartmentStore({ database });
    await store.seed(TICKET_DEPARTMENTS);
    const tech = TICKET_DEPARTMENTS.find((department) => department.id === 'tech')!;
    await store.put({ ...tech, isDefault: true });
    const defaults = (await store.list()).filter((department) => department.isDefault);
    expect(defaults.map((department) => department.id)).toEqual(['tech']);
    database.close();
  });
});
