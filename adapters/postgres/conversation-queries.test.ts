import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { runConversationQueriesContract } from '../../test/contracts/conversation-queries.contract.js';
import {
  createPostgresTestSchema,
  type PostgresTestSchema,
} from '../../test/support/postgres-test-schema.js';
import { createPostgresConversationEventLog } from './conversation-event-log.js';
import { createPostgresConversationQueries } from './conversation-queries.js';
import { createPostgresConversationViewerNames } from './conversation-viewer-names.js';

runConversationQueriesContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  return {
    queries: createPostgresConversationQueries({ pool: schema.pool }),
    log: createPostgresConversationEventLog<ConversationEvent>({
      pool: schema.pool,
      eventSchema: ConversationEventSchema,
    }),
    async insertRaw(row) {
      await schema.pool.query(
        'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES ($1, $2, $3, $4, $5)',
        [row.conversationId, row.sequence, row.type, row.at, row.body],
      );
    },
    cleanup: () => schema.cleanup(),
  };
});

describe('PostgreSQL conversation queries', () => {
  let schema: PostgresTestSchema;
  beforeEach(async () => {
    schema = await createPostgresTestSchema();
  });
  afterEach(async () => {
    await schema.cleanup();
  });

  it('finds a viewer’s conversations through the viewer index, in page order without a sort', async () => {
    const statements: { text: string; values: unknown[] }[] = [];
    const spied = new Proxy(schema.pool, {
      get(target, property) {
        if (property === 'query')
          return (text: string, values: unknown[]) => {
            statements.push({ text, values });
            return target.query(text, values);
          };
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    await createPostgresConversationQueries({ pool: spied }).list({ viewerId: 'viewer-1' }, { limit: 5 });
    const list = statements.find((statement) => statement.text.includes("o.type = 'conversation-opened'"));
    expect(list).toBeDefined();
    // The table is empty, so ask for the plan PostgreSQL would choose were it large: no sequential scans.
    const client = await schema.pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const explained = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${list!.text}`, list!.values);
      const plan = explained.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('conversation_events_opened_by_viewer');
      // The index gives the page order, so LIMIT stops the scan early.
      expect(plan).not.toMatch(/^\s*(->\s*)?(Incremental )?Sort\b/m);
      expect(plan).not.toContain('Seq Scan');
    } finally {
      client.release(true);
    }
  });

  it('names viewers by conversation, leaving out those who gave no name', async () => {
    const log = createPostgresConversationEventLog<ConversationEvent>({
      pool: schema.pool,
      eventSchema: ConversationEventSchema,
    });
    const open = (conversationId: string, displayName?: string) =>
      log.append(conversationId, '2026-06-01T12:00:00.000Z', {
        type: 'conversation-opened',
        profile: {
          viewerId: `viewer-${conversationId}`,
          tier: 'regular',
          ...(displayName === undefined ? {} : { displayName }),
        },
        liveContext: {},
        at: '2026-06-01T12:00:00.000Z',
      });
    await Promise.all([open('c1', 'Mia'), open('c2'), open('c3', '  '), open('c4', 'Leo')]);
    await log.append('c5', '2026-06-01T12:00:00.000Z', {
      type: 'viewer-message',
      text: 'not an opening',
      channel: 'text',
      at: '2026-06-01T12:00:00.000Z',
    });
    const names = createPostgresConversationViewerNames({ pool: schema.pool });
    expect(await names(['c1', 'c2', 'c3', 'c4', 'c5', 'missing', 'c1'])).toEqual(
      new Map([
        ['c1', 'Mia'],
        ['c4', 'Leo'],
      ]),
    );
    expect(await names([])).toEqual(new Map());
  });
});
