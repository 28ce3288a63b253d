import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import { StaffRoleSchema } from '../../server/auth/principal.js';
import {
  publicStaffUser,
  type StaffUser,
  type StaffUserChanges,
  type StaffUserRecord,
  type StaffUserStore,
} from '../../server/auth/staff-user-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const LabelsSchema = z.array(z.string());

/** A row read back is validated, so a hand-edited or corrupted row is an error, not a wrong account. */
const RowSchema = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: StaffRoleSchema,
  password_hash: z.string(),
  password_changed_at: z.string(),
  token_version: z.number().int(),
  skills: z.string().transform((text) => LabelsSchema.parse(JSON.parse(text))),
  teams: z.string().transform((text) => LabelsSchema.parse(JSON.parse(text))),
  capacity: z.number().int(),
  disabled: z.number().transform((value) => value === 1),
  created_at: z.string(),
  updated_at: z.string(),
});

function toRecord(raw: unknown): StaffUserRecord {
  const row = RowSchema.parse(raw);
  return {
    id: row.id,
    username: row.username,
    name: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    tokenVersion: row.token_version,
    skills: row.skills,
    teams: row.teams,
    capacity: row.capacity,
    disabled: row.disabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Column for each changeable field, so an update names only the columns it changes. */
const COLUMNS = {
  name: 'display_name',
  role: 'role',
  skills: 'skills',
  teams: 'teams',
  capacity: 'capacity',
  disabled: 'disabled',
  passwordHash: 'password_hash',
  passwordChangedAt: 'password_changed_at',
  updatedAt: 'updated_at',
} as const satisfies Record<Exclude<keyof StaffUserChanges, 'revokeTokens'>, string>;

type ColumnField = keyof typeof COLUMNS;

function columnValue(field: ColumnField, value: unknown): string | number {
  if (field === 'skills' || field === 'teams') return JSON.stringify(value);
  if (field === 'disabled') return value ? 1 : 0;
  return value as string | number;
}

/** Writes are synchronous underneath; the port's promise carries their result or their error. */
function resolved<T>(action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}

/** Staff accounts in the shared Livedesk SQLite file (table `staff_users`, migrations 3 and 8). */
export function createSqliteStaffUserStore(database: Database): StaffUserStore {
  const byUsername = database.prepare<[string], unknown>('SELECT * FROM staff_users WHERE username = ?');
  const byId = database.prepare<[string], unknown>('SELECT * FROM staff_users WHERE id = ?');
  const all = database.prepare<[], unknown>('SELECT * FROM staff_users ORDER BY username');
  const insert = database.prepare(
    `INSERT INTO staff_users (id, username, display_name, role, password_hash, password_changed_at, skills, teams,
       capacity, disabled, created_at, updated_at, token_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = database.prepare<[string]>('DELETE FROM staff_users WHERE id = ?');
  const wrap = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      throw mapSqliteError(error);
    }
  };
  const get = (id: string): StaffUserRecord | undefined =>
    wrap(() => {
      const row = byId.get(id);
      return row === undefined ? undefined : toRecord(row);
    });

  return {
    findByUsername: (username) =>
      wrap(() => {
        const row = byUsername.get(username);
        return row === undefined ? undefined : toRecord(row);
      }),
    get,
    list: () => wrap(() => all.all().map((row) => publicStaffUser(toRecord(row)))),
    create: (user) =>
      resolved((): StaffUser => {
        wrap(() =>
          insert.run(
            user.id,
            user.username,
            user.name,
            user.role,
            user.passwordHash,
            user.passwordChangedAt,
            JSON.stringify(user.skills),
            JSON.stringify(user.teams),
            user.capacity,
            user.disabled ? 1 : 0,
            user.createdAt,
            user.updatedAt,
            user.tokenVersion,
          ),
        );
        return publicStaffUser(user);
      }),
    update: (id, changes) =>
      resolved((): StaffUser => {
        const fields = (Object.keys(COLUMNS) as ColumnField[]).filter(
          (field) => changes[field] !== undefined,
        );
        const assignments = [
          ...fields.map((field) => `${COLUMNS[field]} = ?`),
          ...(changes.revokeTokens ? ['token_version = token_version + 1'] : []),
        ].join(', ');
        const values = fields.map((field) => columnValue(field, changes[field]));
        const result = wrap(() =>
          database.prepare(`UPDATE staff_users SET ${assignments} WHERE id = ?`).run(...values, id),
        );
        const updated = result.changes === 0 ? undefined : get(id);
        if (!updated) throw new LivedeskError('not_found', 'no such user');
        return publicStaffUser(updated);
      }),
    delete: (id) =>
      resolved(() => {
        if (wrap(() => remove.run(id)).changes === 0) throw new LivedeskError('not_found', 'no such user');
      }),
  };
}
