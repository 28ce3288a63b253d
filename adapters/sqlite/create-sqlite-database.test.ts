import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { migrateSqliteDatabase, readUserVersion, SQLITE_MIGRATIONS } from './sqlite-migrations.js';

describe('createSqliteDatabase', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'livedesk-sqlite-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the file and its folder in WAL mode at the newest schema version', () => {
    const path = join(folder, 'nested', 'deeper', 'livedesk.db');

    const database = createSqliteDatabase(path);

    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(readUserVersion(database)).toBe(SQLITE_MIGRATIONS.length);
    expect(tableNames(database)).toEqual(
      expect.arrayContaining([
        'knowledge_entries',
        'knowledge_entry_versions',
        'knowledge_synonyms',
        'knowledge_synonym_versions',
      ]),
    );
    database.close();
  });

  it('opens an up-to-date file again without migrating it twice', () => {
    const path = join(folder, 'livedesk.db');
    createSqliteDatabase(path).close();

    const database = createSqliteDatabase(path);

    expect(readUserVersion(database)).toBe(SQLITE_MIGRATIONS.length);
    database.close();
  });

  it('migrates an older file in place, keeping its other tables', () => {
    const path = join(folder, 'livedesk.db');
    const old = new Database(path);
    old.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept')");
    old.close();

    const database = createSqliteDatabase(path);

    expect(readUserVersion(database)).toBe(SQLITE_MIGRATIONS.length);
    expect(database.prepare('SELECT text FROM notes').pluck().get()).toBe('kept');
    database.close();
  });

  it('applies only the migrations a file has not had yet', () => {
    const database = new Database(join(folder, 'livedesk.db'));
    const first = SQLITE_MIGRATIONS[0]!;
    migrateSqliteDatabase(database, [first]);

    migrateSqliteDatabase(database, [
      first,
      { version: 2, description: 'test', sql: 'CREATE TABLE added_later (x TEXT)' },
    ]);

    expect(readUserVersion(database)).toBe(2);
    expect(tableNames(database)).toContain('added_later');
    database.close();
  });

  it('refuses a file written by a newer Livedesk', () => {
    const path = join(folder, 'livedesk.db');
    const newer = new Database(path);
    newer.pragma('user_version = 999');
    newer.close();

    expect(() => createSqliteDatabase(path)).toThrow(/newer than this Livedesk/);
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = join(folder, 'livedesk.db');
    writeFileSync(path, 'this is a text file, not a database '.repeat(200));

    let failure: unknown;
    try {
      createSqliteDatabase(path);
    } catch (error) {
      failure = error;
    }

    expect(failure).toBeInstanceOf(LivedeskError);
    expect(failure).toMatchObject({ code: 'unavailable' });
  });

  it('rejects migrations that are not numbered in order', () => {
    const database = new Database(':memory:');

    expect(() => migrateSqliteDatabase(database, [{ version: 2, description: 'gap', sql: '' }])).toThrow(
      /numbered/,
    );
    database.close();
  });
});

function tableNames(database: Database.Database): string[] {
  return database.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
}
