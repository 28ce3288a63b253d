import { afterEach, describe, expect, it } from 'vitest';
import {
  createPostgresTestSchema,
  type PostgresTestSchema,
} from '../../test/support/postgres-test-schema.js';
import { openPostgresPool } from './open-postgres-pool.js';
import { migratePostgresDatabase, POSTGRES_MIGRATIONS } from './postgres-migrations.js';

const schemas: PostgresTestSchema[] = [];
afterEach(async () => {
  for (const schema of schemas.splice(0)) await schema.cleanup();
});

async function freshSchema(migrate: boolean): Promise<PostgresTestSchema> {
  const schema = await createPostgresTestSchema({ migrate });
  schemas.push(schema);
  return schema;
}

describe('openPostgresPool', () => {
  it('refuses a URL that is not postgres:// with a message naming the setting', async () => {
    await expect(openPostgresPool({ url: 'mysql://root@127.0.0.1/test' })).rejects.toThrow(
      /LIVEDESK_DATABASE_URL must start with postgres:\/\//,
    );
    await expect(openPostgresPool({ url: 'not a url' })).rejects.toThrow(
      /LIVEDESK_DATABASE_URL is not a URL/,
    );
  });

  it('names the unreachable server without its password', async () => {
    const attempt = openPostgresPool({
      url: 'postgres://livedesk:hunter2@127.0.0.1:1/test',
      connectTimeoutMs: 2_000,
    });
    await expect(attempt).rejects.toThrow(/cannot reach PostgreSQL at 127\.0\.0\.1:1\/test \(ECONNREFUSED\)/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});

describe('migratePostgresDatabase', () => {
  it('applies every migration once, even when three nodes start together', async () => {
    const { pool } = await freshSchema(false);
    const versions = await Promise.all([1, 2, 3].map(() => migratePostgresDatabase(pool)));
    const newest = Math.max(...POSTGRES_MIGRATIONS.map((migration) => migration.version));
    expect(versions).toEqual([newest, newest, newest]);
    const rows = await pool.query('SELECT version FROM livedesk_schema_migrations ORDER BY version');
    expect(rows.rows.map((row: { version: number }) => row.version)).toEqual(
      POSTGRES_MIGRATIONS.map((migration) => migration.version),
    );
  });

  it('refuses a schema migrated by a newer Livedesk', async () => {
    const { pool } = await freshSchema(true);
    await pool.query(
      "INSERT INTO livedesk_schema_migrations (version, name) VALUES (9999, 'from the future')",
    );
    await expect(migratePostgresDatabase(pool)).rejects.toThrow(/version 9999, newer than this Livedesk/);
  });

  it('leaves the schema at the previous version when a migration fails', async () => {
    const { pool } = await freshSchema(false);
    const broken = [
      { version: 1, name: 'one', statements: ['CREATE TABLE first_table (id integer)'] },
      {
        version: 2,
        name: 'two',
        statements: ['CREATE TABLE second_table (id integer)', 'SELECT nonsense FROM nowhere'],
      },
    ];
    await expect(migratePostgresDatabase(pool, broken)).rejects.toThrow();
    const rows = await pool.query('SELECT version FROM livedesk_schema_migrations');
    expect(rows.rows).toEqual([{ version: 1 }]);
    const second = await pool.query<{ found: string | null }>("SELECT to_regclass('second_table') AS found");
    expect(second.rows[0]?.found).toBeNull();
  });
});
