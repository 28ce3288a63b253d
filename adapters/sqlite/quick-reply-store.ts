import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  quickReplyMatches,
  QuickReplySchema,
  type QuickReply,
  type UsedQuickReply,
} from '../../engine/desk/quick-reply.js';
import type { QuickReplyStore } from '../../engine/desk/quick-reply-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const BodyRowSchema = z.object({ body: z.string() });
const ListedRowSchema = z.object({ body: z.string(), uses: z.number().int().min(0) });

export interface SqliteQuickReplyStore extends QuickReplyStore {
  /**
   * Writes the demo set once in the file's life, and only into an empty store, in one transaction; what
   * staff delete later is not brought back. Resolves how many were written.
   */
  seedDemo(replies: readonly QuickReply[], at: string): Promise<number>;
}

/** Quick replies in the shared SQLite file. */
export function createSqliteQuickReplyStore(options: { database: Database }): SqliteQuickReplyStore {
  const { database } = options;
  const upsert = database.prepare(
    `INSERT INTO quick_replies (quick_reply_id, shortcut, locale, team, updated_at, body) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (quick_reply_id) DO UPDATE SET shortcut = excluded.shortcut, locale = excluded.locale,
       team = excluded.team, updated_at = excluded.updated_at, body = excluded.body`,
  );
  const selectAll = database.prepare<[], unknown>(
    `SELECT reply.body AS body, ifnull(used.uses, 0) AS uses
       FROM quick_replies AS reply LEFT JOIN quick_reply_uses AS used USING (quick_reply_id)
      ORDER BY uses DESC, reply.shortcut, reply.locale, reply.quick_reply_id`,
  );
  const selectOne = database.prepare<[string], unknown>(
    'SELECT body FROM quick_replies WHERE quick_reply_id = ?',
  );
  const deleteOne = database.prepare('DELETE FROM quick_replies WHERE quick_reply_id = ?');
  const deleteUses = database.prepare('DELETE FROM quick_reply_uses WHERE quick_reply_id = ?');
  // Counted only for a reply that exists, in one statement: a stale id from an old page adds nothing.
  const countUse = database.prepare(
    `INSERT INTO quick_reply_uses (quick_reply_id, uses, last_used_at)
       SELECT quick_reply_id, 1, ? FROM quick_replies WHERE quick_reply_id = ?
     ON CONFLICT (quick_reply_id) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at`,
  );
  const count = database.prepare<[], { total: number }>('SELECT count(*) AS total FROM quick_replies');
  const markSeed = database.prepare(
    "INSERT INTO demo_seeds (name, at) VALUES ('quick-replies', ?) ON CONFLICT (name) DO NOTHING",
  );

  const write = (reply: QuickReply): void => {
    upsert.run(reply.id, reply.shortcut, reply.locale, reply.team, reply.updatedAt, JSON.stringify(reply));
  };
  const remove = database.transaction((id: string): boolean => {
    deleteUses.run(id);
    return deleteOne.run(id).changes > 0;
  });
  const seed = database.transaction((replies: readonly QuickReply[], at: string): number => {
    if (markSeed.run(at).changes === 0 || count.get()!.total > 0) return 0;
    for (const reply of replies) write(QuickReplySchema.parse(reply));
    return replies.length;
  });

  return {
    list: (filter = {}) =>
      run(() =>
        selectAll
          .all()
          .map(parseListed)
          .filter((reply) => quickReplyMatches(reply, filter)),
      ),
    get: (id) =>
      run(() => {
        const row = selectOne.get(id);
        return row === undefined ? undefined : parse(row);
      }),
    put: (reply) => run(() => write(QuickReplySchema.parse(reply))),
    remove: (id) => run(() => remove.immediate(id)),
    recordUse: (id, at) => run(() => countUse.run(at, id).changes > 0),
    seedDemo: (replies, at) => run(() => seed.immediate(replies, at)),
  };
}

function parse(row: unknown): QuickReply {
  return QuickReplySchema.parse(JSON.parse(BodyRowSchema.parse(row).body));
}

function parseListed(row: unknown): UsedQuickReply {
  const listed = ListedRowSchema.parse(row);
  return { ...QuickReplySchema.parse(JSON.parse(listed.body)), uses: listed.uses };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
