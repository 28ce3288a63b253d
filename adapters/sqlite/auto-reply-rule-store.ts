import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { AutoReplyRuleSchema, type AutoReplyRule } from '../../engine/desk/auto-reply.js';
import type { AutoReplyRuleStore } from '../../engine/desk/auto-reply-rule-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const BodyRowSchema = z.object({ body: z.string() });

export interface SqliteAutoReplyRuleStore extends AutoReplyRuleStore {
  /**
   * Writes the demo set once in the file's life, and only into an empty store, in one transaction; what
   * staff delete later is not brought back. Resolves how many were written.
   */
  seedDemo(rules: readonly AutoReplyRule[], at: string): Promise<number>;
}

/**
 * Auto-reply rules in the shared SQLite file. `current()` serves a copy kept in memory, refreshed after
 * each write through this store, so the auto-replier never waits on the file.
 */
export function createSqliteAutoReplyRuleStore(options: { database: Database }): SqliteAutoReplyRuleStore {
  const { database } = options;
  const upsert = database.prepare(
    `INSERT INTO auto_reply_rules (rule_id, position, updated_at, body)
       VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM auto_reply_rules), ?, ?)
     ON CONFLICT (rule_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body`,
  );
  const selectAll = database.prepare<[], unknown>(
    'SELECT body FROM auto_reply_rules ORDER BY position, rule_id',
  );
  const deleteOne = database.prepare('DELETE FROM auto_reply_rules WHERE rule_id = ?');
  const count = database.prepare<[], { total: number }>('SELECT count(*) AS total FROM auto_reply_rules');
  const markSeed = database.prepare(
    "INSERT INTO demo_seeds (name, at) VALUES ('auto-reply-rules', ?) ON CONFLICT (name) DO NOTHING",
  );
  let cache: readonly AutoReplyRule[] | undefined;

  const readAll = (): readonly AutoReplyRule[] => {
    cache ??= Object.freeze(
      selectAll.all().map((row) => AutoReplyRuleSchema.parse(JSON.parse(BodyRowSchema.parse(row).body))),
    );
    return cache;
  };
  const write = (rule: AutoReplyRule): void => {
    upsert.run(rule.id, rule.updatedAt, JSON.stringify(AutoReplyRuleSchema.parse(rule)));
  };
  const seed = database.transaction((rules: readonly AutoReplyRule[], at: string): number => {
    if (markSeed.run(at).changes === 0 || count.get()!.total > 0) return 0;
    rules.forEach(write);
    return rules.length;
  });
  /** Runs a write and drops the cached copy, committed or not. */
  const change = <T>(operation: () => T): Promise<T> =>
    run(() => {
      try {
        return operation();
      } finally {
        cache = undefined;
      }
    });

  return {
    list: () => run(() => [...readAll()]),
    current: readAll,
    get: (id) => run(() => readAll().find((rule) => rule.id === id)),
    put: (rule) => change(() => write(rule)),
    remove: (id) => change(() => deleteOne.run(id).changes > 0),
    seedDemo: (rules, at) => change(() => seed.immediate(rules, at)),
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
