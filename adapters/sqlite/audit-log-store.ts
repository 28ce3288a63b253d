import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  AUDIT_PRUNE_BATCH,
  type AuditEntry,
  type AuditLog,
  type AuditQuery,
  type NewAuditEntry,
} from '../../server/audit/audit-log.js';
import { auditEntryOf, AuditLogColumnsSchema, auditLogValues } from '../shared/audit-log-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

const RowSchema = AuditLogColumnsSchema.extend({
  id: z.number().int(),
  details: z.string().transform((text) => JSON.parse(text) as unknown),
});

const toEntry = (raw: unknown): AuditEntry => auditEntryOf(RowSchema.parse(raw));

export interface SqliteAuditLogOptions {
  clock?: (() => Date) | undefined;
}

/** The audit trail in the shared Livedesk SQLite file (table `audit_log`, migration 8). */
export function createSqliteAuditLog(database: Database, options: SqliteAuditLogOptions = {}): AuditLog {
  const clock = options.clock ?? (() => new Date());
  const pruneBatch = database.prepare(
    'DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? ORDER BY at LIMIT ?)',
  );
  const insert = database.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_username, action, outcome, subject, address, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    record(entry: NewAuditEntry) {
      try {
        insert.run(...auditLogValues(entry, clock().toISOString()));
      } catch (error) {
        throw mapSqliteError(error);
      }
    },
    query(filter: AuditQuery) {
      const where: string[] = [];
      const values: (string | number)[] = [];
      if (filter.actor !== undefined) {
        where.push('(actor_id = ? OR actor_username = ?)');
        values.push(filter.actor, filter.actor.toLowerCase());
      }
      if (filter.action !== undefined) {
        // Actions are validated dotted words, so they hold no LIKE wildcards.
        where.push("(action = ? OR action LIKE ? || '.%')");
        values.push(filter.action, filter.action);
      }
      if (filter.outcome !== undefined) {
        where.push('outcome = ?');
        values.push(filter.outcome);
      }
      if (filter.since !== undefined) {
        where.push('at >= ?');
        values.push(new Date(filter.since).toISOString());
      }
      if (filter.until !== undefined) {
        where.push('at < ?');
        values.push(new Date(filter.until).toISOString());
      }
      if (filter.before !== undefined) {
        where.push('id < ?');
        values.push(filter.before);
      }
      const sql = `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ?`;
      try {
        return Promise.resolve(
          database
            .prepare<(string | number)[], unknown>(sql)
            .all(...values, filter.limit)
            .map(toEntry),
        );
      } catch (error) {
        return Promise.reject(mapSqliteError(error));
      }
    },
    // Every record is written before `record` returns.
    flush: () => Promise.resolve(),

    async prune(olderThan, pruneOptions = {}) {
      const cutoff = olderThan.toISOString();
      let deleted = 0;
      for (;;) {
        pruneOptions.signal?.throwIfAborted();
        let changes: number;
        try {
          ({ changes } = pruneBatch.run(cutoff, AUDIT_PRUNE_BATCH));
        } catch (error) {
          throw mapSqliteError(error);
        }
        deleted += changes;
        if (changes < AUDIT_PRUNE_BATCH) return deleted;
        // Lets other work run between batches: each DELETE holds the event loop and the write lock.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
