import type pg from 'pg';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  publicStaffUser,
  type StaffUser,
  type StaffUserRecord,
  type StaffUserStore,
} from '../../server/auth/staff-user-store.js';
import {
  LabelsSchema,
  STAFF_USER_COLUMNS,
  staffUserRecordOf,
  StaffUserColumnsSchema,
  type StaffUserColumnField,
} from '../shared/staff-user-rows.js';
import { mapPostgresError } from './map-postgres-error.js';
import { STAFF_USERS_CHANNEL } from './migrations/account-schema.js';
import { startPostgresListener, type PostgresListenerStatus } from './postgres-listener.js';

const RowSchema = StaffUserColumnsSchema.extend({
  skills: LabelsSchema,
  teams: LabelsSchema,
  disabled: z.boolean(),
});

const NoticeSchema = z.object({ schema: z.string(), id: z.string() });

/** Cached records are shared by every reader, so they are frozen: a caller that mutates one fails loudly. */
function toRecord(raw: unknown): StaffUserRecord {
  const record = staffUserRecordOf(RowSchema.parse(raw));
  Object.freeze(record.skills);
  Object.freeze(record.teams);
  return Object.freeze(record);
}

export interface PostgresStaffUserStoreOptions {
  pool: pg.Pool;
  /** The connection that listens for changes, held open outside the pool. Default: the pool's own settings. */
  listenerConfig?: pg.ClientConfig | undefined;
  /** The first wait before reconnecting a lost listener, doubled up to `maxReconnectDelayMs`. Default 100. */
  minReconnectDelayMs?: number | undefined;
  /** Default 5,000. */
  maxReconnectDelayMs?: number | undefined;
  /** How often the listener proves its connection alive. Default 10,000. */
  heartbeatMs?: number | undefined;
  /** A lost listener or a failed read: the cache may be stale until the next reconnect reads everything. */
  onError?: ((error: Error) => void) | undefined;
}

export interface PostgresStaffUserStore extends StaffUserStore {
  /** Reads every account again (a reconnected listener does this by itself). */
  refresh(): Promise<void>;
  /** Whether changes made elsewhere reach the cache now; not while the listener reconnects (for /healthz). */
  listenerStatus(): PostgresListenerStatus;
  /** Stops listening; reads keep answering from the cache as it was. */
  close(): Promise<void>;
}

/**
 * Staff accounts in PostgreSQL, read from a cache of every account so `Auth.verify` stays synchronous.
 * Writes go to the database first and reach the cache only after commit. Changes made by another node (or
 * anyone) arrive as notices (see the `staff_users_notify` trigger), each followed by a read of that row; a
 * listener that lost its connection reconnects and reads everything again, since notices sent meanwhile are
 * gone. A disabled or demoted account so stops working on every node within a notice's round trip.
 *
 * Every cache update is a fresh read, run one at a time in arrival order: each read starts after the one
 * before it ended, so it sees at least as new a state and the cache can never go back to an older one.
 */
export async function createPostgresStaffUserStore(
  options: PostgresStaffUserStoreOptions,
): Promise<PostgresStaffUserStore> {
  const { pool } = options;
  const onError = options.onError ?? ((error) => console.error('staff account cache', { error }));
  const report = (error: unknown) => onError(error instanceof Error ? error : mapPostgresError(error));

  const byId = new Map<string, StaffUserRecord>();
  const idByUsername = new Map<string, string>();
  const query = async <T extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<T>> => {
    try {
      return await pool.query<T>(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };

  const put = (id: string, record: StaffUserRecord | undefined) => {
    const previous = byId.get(id);
    if (previous) idByUsername.delete(previous.username);
    if (record) {
      byId.set(id, record);
      idByUsername.set(record.username, id);
    } else byId.delete(id);
  };

  const readOne = async (id: string) => {
    const result = await query('SELECT * FROM staff_users WHERE id = $1', [id]);
    put(id, result.rows[0] === undefined ? undefined : toRecord(result.rows[0]));
  };
  const readAll = async () => {
    const records = (await query('SELECT * FROM staff_users')).rows.map(toRecord);
    byId.clear();
    idByUsername.clear();
    for (const record of records) put(record.id, record);
  };

  // The one queue every cache update goes through; a failed read is reported and does not stop the next.
  let updates: Promise<void> = Promise.resolve();
  const enqueue = (read: () => Promise<void>): Promise<void> => {
    const done = updates.then(read);
    updates = done.catch(() => undefined);
    return done;
  };
  const refreshQuietly = () => {
    enqueue(readAll).catch(report);
  };
  /** After a commit: the cache must show the write (or something newer) before the write resolves. */
  const settle = async (id: string, written: StaffUserRecord | undefined) => {
    try {
      await enqueue(() => readOne(id));
    } catch (error) {
      // Stored but not read back (the connection dropped after commit): the committed row is no older than
      // anything cached, and a full read follows to catch up with whatever else was missed.
      put(id, written);
      report(error);
      refreshQuietly();
    }
  };

  const { rows } = await query<{ schema: string }>('SELECT current_schema() AS schema');
  const schema = rows[0]?.schema;
  if (schema === undefined) throw new LivedeskError('internal', 'PostgreSQL named no current schema');

  const onNotification = (payload: string) => {
    let notice: z.infer<typeof NoticeSchema>;
    try {
      notice = NoticeSchema.parse(JSON.parse(payload));
    } catch {
      return;
    }
    if (notice.schema !== schema) return;
    enqueue(() => readOne(notice.id)).catch((error: unknown) => {
      report(error);
      refreshQuietly();
    });
  };

  // Listening before the first read: a change committed in between is then both read and announced.
  const listener = await startPostgresListener({
    clientConfig: options.listenerConfig ?? pool.options,
    channel: STAFF_USERS_CHANNEL,
    onSession(session, listening) {
      if (session === 1) return;
      // Notices sent while no one listened are lost: read everything, once new ones arrive again.
      void listening.then((ok) => {
        if (ok) refreshQuietly();
      });
    },
    onNotification,
    onError: report,
    minReconnectDelayMs: options.minReconnectDelayMs,
    maxReconnectDelayMs: options.maxReconnectDelayMs,
    heartbeatMs: options.heartbeatMs,
  });
  try {
    await enqueue(readAll);
  } catch (error) {
    await listener.close();
    throw error;
  }

  const get = (id: string) => byId.get(id);

  return {
    get,
    findByUsername(username) {
      const id = idByUsername.get(username);
      return id === undefined ? undefined : byId.get(id);
    },
    list: () =>
      [...byId.values()]
        .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
        .map(publicStaffUser),

    async create(user): Promise<StaffUser> {
      const result = await query(
        `INSERT INTO staff_users (id, username, display_name, role, password_hash, password_changed_at, skills,
           teams, capacity, disabled, created_at, updated_at, token_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13) RETURNING *`,
        [
          user.id,
          user.username,
          user.name,
          user.role,
          user.passwordHash,
          user.passwordChangedAt,
          JSON.stringify(user.skills),
          JSON.stringify(user.teams),
          user.capacity,
          user.disabled,
          user.createdAt,
          user.updatedAt,
          user.tokenVersion,
        ],
      );
      const written = toRecord(result.rows[0]);
      await settle(user.id, written);
      return publicStaffUser(written);
    },

    async update(id, changes): Promise<StaffUser> {
      const fields = (Object.keys(STAFF_USER_COLUMNS) as StaffUserColumnField[]).filter(
        (field) => changes[field] !== undefined,
      );
      const values: unknown[] = fields.map((field) =>
        field === 'skills' || field === 'teams' ? JSON.stringify(changes[field]) : changes[field],
      );
      const assignments = [
        ...fields.map(
          (field, index) =>
            `${STAFF_USER_COLUMNS[field]} = $${index + 1}${field === 'skills' || field === 'teams' ? '::jsonb' : ''}`,
        ),
        ...(changes.revokeTokens ? ['token_version = token_version + 1'] : []),
      ];
      const result = await query(
        `UPDATE staff_users SET ${assignments.join(', ')} WHERE id = $${values.length + 1} RETURNING *`,
        [...values, id],
      );
      if (result.rows[0] === undefined) throw new LivedeskError('not_found', 'no such user');
      const written = toRecord(result.rows[0]);
      await settle(id, written);
      return publicStaffUser(written);
    },

    async delete(id) {
      const result = await query('DELETE FROM staff_users WHERE id = $1', [id]);
      if (result.rowCount === 0) throw new LivedeskError('not_found', 'no such user');
      await settle(id, undefined);
    },

    refresh: () => enqueue(readAll),
    listenerStatus: () => listener.status(),

    async close() {
      await listener.close();
      await updates;
    },
  };
}
