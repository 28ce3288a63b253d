import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { EventRow } from '../contracts/analytics-reader.contract.js';

/**
 * Stores event rows straight into `conversation_events`, as the event log would, for tests of the stores
 * that read it (analytics, the learning loop) without depending on the event log adapter.
 */
export function appendSqliteEventRows(database: Database, rows: readonly EventRow[]): void {
  const insert = database.prepare(
    'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES (?, ?, ?, ?, ?)',
  );
  database.transaction(() => {
    for (const row of rows) insert.run(row.conversationId, row.sequence, row.type, row.at, row.body);
  })();
}

/** The same into PostgreSQL, a batch of rows per statement, then fresh planner statistics. */
export async function appendPostgresEventRows(pool: pg.Pool, rows: readonly EventRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 5_000) {
    const batch = rows.slice(start, start + 5_000);
    await pool.query(
      `INSERT INTO conversation_events (conversation_id, sequence, type, at, body)
       SELECT conversation_id, sequence, type, at, body
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::jsonb[])
              WITH ORDINALITY AS rows (conversation_id, sequence, type, at, body, position)
        ORDER BY position`,
      [
        batch.map((row) => row.conversationId),
        batch.map((row) => row.sequence),
        batch.map((row) => row.type),
        batch.map((row) => row.at),
        batch.map((row) => row.body),
      ],
    );
  }
  await pool.query('ANALYZE conversation_events');
}
