import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runAnalyticsReaderContract } from '../../test/contracts/analytics-reader.contract.js';
import { appendPostgresEventRows } from '../../test/support/append-event-rows.js';
import {
  createPostgresTestSchema,
  type PostgresTestSchema,
} from '../../test/support/postgres-test-schema.js';
import { createPostgresAnalyticsReader } from './analytics-timeline-reader.js';

runAnalyticsReaderContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  return {
    reader: createPostgresAnalyticsReader({ pool: schema.pool }),
    appendEvents: (rows) => appendPostgresEventRows(schema.pool, rows),
    cleanup: () => schema.cleanup(),
  };
});

describe('the PostgreSQL analytics reader', () => {
  let schema: PostgresTestSchema | undefined;
  afterEach(async () => {
    await schema?.cleanup();
    schema = undefined;
  });

  it('spells its conditions as the partial indexes of migration 5 do, so the planner can use them', async () => {
    schema = await createPostgresTestSchema();
    const { pool } = schema;
    const statements: { text: string; values: unknown[] }[] = [];
    // Records what the reader asks, to explain it afterwards. Arguments pass through as given: the pool's own
    // query() calls a client's with a callback.
    const record = (query: unknown, values: unknown) => {
      const text = typeof query === 'string' ? query : (query as { text: string }).text;
      const given = typeof query === 'string' ? values : (query as { values?: unknown }).values;
      if (/^\s*SELECT/i.test(text)) statements.push({ text, values: Array.isArray(given) ? given : [] });
    };
    const poolQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const recording = {
      query: (...args: unknown[]) => {
        record(args[0], args[1]);
        return poolQuery(...args);
      },
      connect: async () => {
        const client = await pool.connect();
        const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as { query: unknown }).query = (...args: unknown[]) => {
          record(args[0], args[1]);
          return clientQuery(...args);
        };
        return client;
      },
    } as unknown as pg.Pool;
    const reader = createPostgresAnalyticsReader({ pool: recording });
    const scope = { from: '2026-05-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z', roomId: 'room-3' };
    // One conversation in scope, so the reader goes on to its key events.
    const at = '2026-05-10T12:00:00.000Z';
    await appendPostgresEventRows(pool, [
      {
        conversationId: 'c-1',
        sequence: 1,
        type: 'conversation-opened',
        at,
        body: JSON.stringify({
          type: 'conversation-opened',
          profile: { viewerId: 'v-1' },
          liveContext: { roomId: 'room-3', scenario: 'show' },
          at,
        }),
      },
      {
        conversationId: 'c-1',
        sequence: 2,
        type: 'satisfaction-request',
        at,
        body: '{"type":"satisfaction-request","at":"' + at + '"}',
      },
    ]);
    await reader.timelines({
      ...scope,
      firstMessages: true,
      lastMessages: true,
      keyEvents: ['state-change', 'desk', 'satisfaction-request'],
    });
    await reader.timelines({
      ...scope,
      firstMessages: false,
      keyEvents: ['satisfaction-request'],
      onlyWith: 'satisfaction-request',
    });
    await reader.gapWordings({ ...scope, limit: 10 });
    expect(statements.length).toBeGreaterThanOrEqual(5);

    const client = await pool.connect();
    const used = new Set<string>();
    try {
      // With sequential scans priced out, an index is left unused only when the query cannot match it.
      await client.query('SET enable_seqscan = off');
      for (const statement of statements) {
        const plan = await client.query({
          text: `EXPLAIN (FORMAT JSON) ${statement.text}`,
          values: statement.values,
        });
        for (const match of JSON.stringify(plan.rows).matchAll(/"Index Name":\s*"(\w+)"/g))
          used.add(match[1]!);
      }
    } finally {
      client.release();
    }
    for (const index of [
      'analytics_opened_by_room',
      'analytics_viewer_messages',
      'analytics_answers',
      'analytics_turn_ends',
      'analytics_welcomes',
      'analytics_key_events',
      'analytics_turn_starts',
      'analytics_gap_signals',
    ])
      expect([...used], index).toContain(index);
  });
});
