import type { Database } from 'better-sqlite3';
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
import { mapSqliteError } from './map-sqlite-error.js';

const labels = z.string().transform((text) => LabelsSchema.parse(JSON.parse(text)));
const RowSchema = StaffUserColumnsSchema.extend({
  skills: labels,
  teams: labels,
  disabled: z.number().transform((value) => value === 1),
});

const toRecord = (raw: unknown): StaffUserRecord => staffUserRecordOf(RowSchema.parse(raw));

function columnValue(field: StaffUserColumnField, value: unknown): string | number {
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
        const fields = (Object.keys(STAFF_USER_COLUMNS) as StaffUserColumnField[]).filter(
          (field) => changes[field] !== undefined,
        );
        const assignments = [
          ...fields.map((field) => `${STAFF_USER_COLUMNS[field]} = ?`),
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
