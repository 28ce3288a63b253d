import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { AutoReplyRuleSchema, type AutoReplyRule } from '../../engine/desk/auto-reply.js';
import type { AutoReplyRuleStore } from '../../engine/desk/auto-reply-rule-store.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const BodyRowSchema = z.object({ body: z.unknown() });

const SELECT_ALL = 'SELECT body FROM auto_reply_rules ORDER BY position, rule_id';

export interface PostgresAutoReplyRuleStore extends AutoReplyRuleStore {
  /**
   * Writes the demo set once in the database's life, and only into an empty store, in one transaction; what
   * staff delete later is not brought back, and nodes starting together seed it once. Resolves how many
   * were written.
   */
  seedDemo(rules: readonly AutoReplyRule[], at: string): Promise<number>;
  /**
   * Reads the rules again into the copy `current()` serves. Another node's writes reach this one only
   * through it: call it when told that the rules changed (see `onChange`).
   */
  refresh(): Promise<readonly AutoReplyRule[]>;
}

export interface PostgresAutoReplyRuleStoreOptions {
  pool: Pool;
  /** Called after a write through this store commits, e.g. to tell the other nodes to `refresh()`. */
  onChange?: (() => void) | undefined;
}

/**
 * Auto-reply rules in the shared PostgreSQL database. `current()` serves a copy kept in memory: read when
 * the store is created, after each write through this store (in the write's own transaction) and on
 * `refresh()`, so the auto-replier never waits on the database. Writes and refreshes through one store take
 * turns, so an older read never replaces a newer one.
 */
export async function createPostgresAutoReplyRuleStore(
  options: PostgresAutoReplyRuleStoreOptions,
): Promise<PostgresAutoReplyRuleStore> {
  const { pool } = options;
  let cache: readonly AutoReplyRule[] = [];
  let turn: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every earlier write or refresh of this store has settled, then keeps what it read. */
  const inTurn = <T>(
    work: (client: PoolClient) => Promise<{ result: T; rules: readonly AutoReplyRule[] }>,
  ) => {
    const next = turn.then(async () => {
      const { result, rules } = await withTransaction(pool, work);
      cache = rules;
      return result;
    });
    turn = next.catch(() => undefined);
    return next;
  };
  const change = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const result = await inTurn(async (client) => ({
      result: await work(client),
      rules: await readAll(client),
    }));
    options.onChange?.();
    return result;
  };
  const refresh = () =>
    inTurn(async (client) => {
      const rules = await readAll(client);
      return { result: rules, rules };
    });

  await refresh();
  return {
    list: async () => [...(await refresh())],
    current: () => cache,
    async get(id) {
      let rows: unknown[];
      try {
        rows = (await pool.query('SELECT body FROM auto_reply_rules WHERE rule_id = $1', [id])).rows;
      } catch (error) {
        throw mapPostgresError(error);
      }
      return rows[0] === undefined ? undefined : parse(rows[0]);
    },
    put: (rule) => change((client) => write(client, AutoReplyRuleSchema.parse(rule))),
    remove: (id) =>
      change(async (client) => {
        const result = await client.query('DELETE FROM auto_reply_rules WHERE rule_id = $1', [id]);
        return result.rowCount !== 0;
      }),
    seedDemo: (rules, at) =>
      change(async (client) => {
        // A node that loses the race for the mark waits for the winner's commit, then seeds nothing.
        const marked = await client.query(
          "INSERT INTO demo_seeds (name, at) VALUES ('auto-reply-rules', $1) ON CONFLICT (name) DO NOTHING",
          [at],
        );
        if (marked.rowCount === 0) return 0;
        const existing = await client.query('SELECT 1 FROM auto_reply_rules LIMIT 1');
        if (existing.rowCount !== 0) return 0;
        for (const rule of rules) await write(client, AutoReplyRuleSchema.parse(rule));
        return rules.length;
      }),
    refresh,
  };
}

async function readAll(client: PoolClient): Promise<readonly AutoReplyRule[]> {
  const result = await client.query(SELECT_ALL);
  return Object.freeze(result.rows.map(parse));
}

async function write(client: PoolClient, rule: AutoReplyRule): Promise<void> {
  // A replaced rule keeps its place: the identity column is drawn only for a new row.
  await client.query(
    `INSERT INTO auto_reply_rules (rule_id, updated_at, body) VALUES ($1, $2, $3)
     ON CONFLICT (rule_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body`,
    [rule.id, rule.updatedAt, JSON.stringify(rule)],
  );
}

function parse(row: unknown): AutoReplyRule {
  return AutoReplyRuleSchema.parse(BodyRowSchema.parse(row).body);
}
