import type pg from 'pg';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  AUDIT_PRUNE_BATCH,
  type AuditEntry,
  type AuditLog,
  type AuditQuery,
  type NewAuditEntry,
} from '../../server/audit/audit-log.js';
import { auditEntryOf, AuditLogColumnsSchema, auditLogValues } from '../shared/audit-log-rows.js';
import { mapPostgresError } from './map-postgres-error.js';

const RowSchema = AuditLogColumnsSchema.extend({
  // bigserial comes back as text; ids stay far below 2^53.
  id: z.coerce.number().int(),
  details: z.unknown(),
});

const toEntry = (raw: unknown): AuditEntry => auditEntryOf(RowSchema.parse(raw));

const COLUMN_COUNT = 8;

export interface PostgresAuditLogOptions {
  pool: pg.Pool;
  clock?: (() => Date) | undefined;
  /** Entries written per INSERT. Default 100. */
  batchSize?: number | undefined;
  /** Entries waiting to be written beyond which new ones are reported lost rather than kept. Default 10,000. */
  maxPendingEntries?: number | undefined;
  /** Tries per batch when the database is unavailable (retryable errors only). Default 5. */
  maxAttempts?: number | undefined;
  /** The wait before the second try; it doubles with each further one. Default 200. */
  retryDelayMs?: number | undefined;
  /** Entries that could not be stored, with why; default: logged to stderr. */
  onError?: ((error: Error, actions: readonly string[]) => void) | undefined;
}

interface Pending {
  /** Ordinal among the entries queued, from 1: what `flush` waits for. */
  ordinal: number;
  action: string;
  values: unknown[];
}

/**
 * The audit trail in PostgreSQL (table `audit_log`). `record` queues the entry, stamped with the time it was
 * recorded, and returns: one writer stores the queue in order, in batches, so ids follow the order entries
 * were recorded on this node. A batch the database refuses for good is reported through `onError`, never
 * thrown at the action it describes. `query` first waits for what this node recorded before it.
 */
export function createPostgresAuditLog(options: PostgresAuditLogOptions): AuditLog {
  const { pool } = options;
  const clock = options.clock ?? (() => new Date());
  const batchSize = options.batchSize ?? 100;
  const maxPending = options.maxPendingEntries ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const onError =
    options.onError ?? ((error, actions) => console.error('audit entries lost', { error, actions }));

  const queue: Pending[] = [];
  let queued = 0;
  let settled = 0;
  let writing = false;
  const waiters = new Set<{ upTo: number; resolve: () => void }>();

  const insertBatch = async (batch: readonly Pending[]) => {
    const placeholders = batch.map(
      (_, row) =>
        `(${Array.from({ length: COLUMN_COUNT }, (_, column) => `$${row * COLUMN_COUNT + column + 1}`).join(', ')})`,
    );
    await pool.query(
      `INSERT INTO audit_log (at, actor_id, actor_username, action, outcome, subject, address, details)
       VALUES ${placeholders.join(', ')}`,
      batch.flatMap((pending) => pending.values),
    );
  };

  const writeBatch = async (batch: readonly Pending[]) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await insertBatch(batch);
        return;
      } catch (raw) {
        const error = mapPostgresError(raw);
        const retryable = error instanceof LivedeskError && error.retryable;
        if (!retryable || attempt >= maxAttempts) {
          onError(
            error,
            batch.map((pending) => pending.action),
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  };

  const drain = async () => {
    writing = true;
    try {
      // Starts after the code that recorded returns, so entries recorded together share one INSERT.
      await Promise.resolve();
      while (queue.length > 0) {
        const batch = queue.splice(0, batchSize);
        await writeBatch(batch);
        settled = batch.at(-1)!.ordinal;
        for (const waiter of waiters) {
          if (waiter.upTo > settled) continue;
          waiters.delete(waiter);
          waiter.resolve();
        }
      }
    } finally {
      writing = false;
    }
  };

  const flush = (): Promise<void> => {
    const upTo = queued;
    if (settled >= upTo) return Promise.resolve();
    return new Promise((resolve) => waiters.add({ upTo, resolve }));
  };

  return {
    record(entry: NewAuditEntry) {
      if (queue.length >= maxPending) {
        onError(
          new LivedeskError('unavailable', `more than ${maxPending} audit entries are waiting to be stored`, {
            retryable: true,
          }),
          [entry.action],
        );
        return;
      }
      queued += 1;
      queue.push({
        ordinal: queued,
        action: entry.action,
        values: auditLogValues(entry, clock().toISOString()),
      });
      // drain catches every failure itself (onError); nothing reaches this promise.
      if (!writing) void drain();
    },

    async query(filter: AuditQuery) {
      await flush();
      const where: string[] = [];
      const values: (string | number)[] = [];
      const parameter = (value: string | number) => {
        values.push(value);
        return `$${values.length}`;
      };
      if (filter.actor !== undefined) {
        where.push(
          `(actor_id = ${parameter(filter.actor)} OR actor_username = ${parameter(filter.actor.toLowerCase())})`,
        );
      }
      if (filter.action !== undefined) {
        // Actions are validated dotted words, so they hold no LIKE wildcards.
        where.push(
          `(action = ${parameter(filter.action)} OR action LIKE ${parameter(filter.action)}::text || '.%')`,
        );
      }
      if (filter.outcome !== undefined) where.push(`outcome = ${parameter(filter.outcome)}`);
      if (filter.since !== undefined) where.push(`at >= ${parameter(new Date(filter.since).toISOString())}`);
      if (filter.until !== undefined) where.push(`at < ${parameter(new Date(filter.until).toISOString())}`);
      if (filter.before !== undefined) where.push(`id < ${parameter(filter.before)}`);
      const sql = `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ${parameter(filter.limit)}`;
      try {
        return (await pool.query(sql, values)).rows.map(toEntry);
      } catch (error) {
        throw mapPostgresError(error);
      }
    },

    flush,

    async prune(olderThan, pruneOptions = {}) {
      // What this node recorded before the call is written first, so an old entry still queued goes too.
      await flush();
      const cutoff = olderThan.toISOString();
      let deleted = 0;
      for (;;) {
        pruneOptions.signal?.throwIfAborted();
        let count: number;
        try {
          const result = await pool.query(
            `DELETE FROM audit_log WHERE id IN
               (SELECT id FROM audit_log WHERE at < $1 ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
            [cutoff, AUDIT_PRUNE_BATCH],
          );
          count = result.rowCount ?? 0;
        } catch (error) {
          throw mapPostgresError(error);
        }
        deleted += count;
        if (count < AUDIT_PRUNE_BATCH) return deleted;
      }
    },
  };
}
