import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import {
  quickReplyMatches,
  QuickReplySchema,
  type QuickReply,
  type UsedQuickReply,
} from '../../engine/desk/quick-reply.js';
import type { QuickReplyStore } from '../../engine/desk/quick-reply-store.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const BodyRowSchema = z.object({ body: z.unknown() });
const ListedRowSchema = z.object({ body: z.unknown(), uses: z.number().int().min(0) });

/** A foreign key violation: here, a use recorded for a reply removed in the meantime. */
const FOREIGN_KEY_VIOLATION = '23503';

export interface PostgresQuickReplyStore extends QuickReplyStore {
  /**
   * Writes the demo set once in the database's life, and only into an empty store, in one transaction; what
   * staff delete later is not brought back, and nodes starting together seed it once. Resolves how many
   * were written.
   */
  seedDemo(replies: readonly QuickReply[], at: string): Promise<number>;
}

/** Quick replies in the shared PostgreSQL database; a second reply with a taken shortcut is a `conflict`. */
export function createPostgresQuickReplyStore(options: { pool: Pool }): PostgresQuickReplyStore {
  const { pool } = options;
  const query = async (text: string, values: readonly unknown[] = []) => {
    try {
      return await pool.query(text, [...values]);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };

  return {
    async list(filter = {}) {
      const result = await query(
        `SELECT reply.body AS body, coalesce(used.uses, 0) AS uses
           FROM quick_replies AS reply LEFT JOIN quick_reply_uses AS used USING (quick_reply_id)
          ORDER BY uses DESC, reply.shortcut, reply.locale, reply.quick_reply_id`,
      );
      return result.rows.map(parseListed).filter((reply) => quickReplyMatches(reply, filter));
    },
    async get(id) {
      const result = await query('SELECT body FROM quick_replies WHERE quick_reply_id = $1', [id]);
      const row: unknown = result.rows[0];
      return row === undefined ? undefined : QuickReplySchema.parse(BodyRowSchema.parse(row).body);
    },
    async put(reply) {
      await query(...upsert(QuickReplySchema.parse(reply)));
    },
    async remove(id) {
      // The use count goes with the reply through the foreign key's cascade.
      const result = await query('DELETE FROM quick_replies WHERE quick_reply_id = $1', [id]);
      return result.rowCount !== 0;
    },
    async recordUse(id, at) {
      try {
        // Counted only for a reply that exists: a stale id from an old page adds nothing.
        const result = await pool.query(
          `INSERT INTO quick_reply_uses (quick_reply_id, uses, last_used_at)
             SELECT quick_reply_id, 1, $1 FROM quick_replies WHERE quick_reply_id = $2
           ON CONFLICT (quick_reply_id) DO UPDATE
             SET uses = quick_reply_uses.uses + 1, last_used_at = excluded.last_used_at`,
          [at, id],
        );
        return result.rowCount !== 0;
      } catch (error) {
        if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return false;
        throw mapPostgresError(error);
      }
    },
    seedDemo: (replies, at) =>
      withTransaction(pool, async (client: PoolClient) => {
        // A node that loses the race for the mark waits for the winner's commit, then seeds nothing.
        const marked = await client.query(
          "INSERT INTO demo_seeds (name, at) VALUES ('quick-replies', $1) ON CONFLICT (name) DO NOTHING",
          [at],
        );
        if (marked.rowCount === 0) return 0;
        const existing = await client.query('SELECT 1 FROM quick_replies LIMIT 1');
        if (existing.rowCount !== 0) return 0;
        for (const reply of replies) await client.query(...upsert(QuickReplySchema.parse(reply)));
        return replies.length;
      }),
  };
}

function upsert(reply: QuickReply): [string, unknown[]] {
  return [
    `INSERT INTO quick_replies (quick_reply_id, shortcut, locale, team, updated_at, body)
       VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (quick_reply_id) DO UPDATE SET shortcut = excluded.shortcut, locale = excluded.locale,
       team = excluded.team, updated_at = excluded.updated_at, body = excluded.body`,
    [reply.id, reply.shortcut, reply.locale, reply.team, reply.updatedAt, JSON.stringify(reply)],
  ];
}

function parseListed(row: unknown): UsedQuickReply {
  const listed = ListedRowSchema.parse(row);
  return { ...QuickReplySchema.parse(listed.body), uses: listed.uses };
}
