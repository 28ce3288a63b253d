import { describe, expect, it } from 'vitest';
import { runAnalyticsReaderContract } from '../../test/contracts/analytics-reader.contract.js';
import { appendSqliteEventRows } from '../../test/support/append-event-rows.js';
import { createSqliteAnalyticsReader } from './analytics-timeline-reader.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

runAnalyticsReaderContract('sqlite', () => {
  const database = createSqliteDatabase(':memory:');
  return {
    reader: createSqliteAnalyticsReader({ database }),
    appendEvents: (rows) => appendSqliteEventRows(database, rows),
    cleanup: () => {
      database.close();
    },
  };
});

describe('the SQLite analytics reader', () => {
  it('reads key events through the covering index', () => {
    const database = createSqliteDatabase(':memory:');
    const plans = database
      .prepare(
        `EXPLAIN QUERY PLAN SELECT conversation_id FROM conversation_events INDEXED BY analytics_key_events
          WHERE type IN ('state-change', 'handoff', 'desk', 'agent-message', 'satisfaction-request', 'satisfaction')`,
      )
      .all() as { detail: string }[];
    expect(plans.map((plan) => plan.detail).join('\n')).toContain('COVERING INDEX analytics_key_events');
    database.close();
  });
});
