import { z } from 'zod';
import { StaffRoleSchema } from '../../server/auth/principal.js';
import type { StaffUserChanges, StaffUserRecord } from '../../server/auth/staff-user-store.js';

export const LabelsSchema = z.array(z.string());

/**
 * The `staff_users` columns both stores read back as they are; each extends it with skills, teams and
 * disabled in its own encoding. A row read back is validated, so a hand-edited or corrupted row is an
 * error, not a wrong account.
 */
export const StaffUserColumnsSchema = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: StaffRoleSchema,
  password_hash: z.string(),
  password_changed_at: z.string(),
  token_version: z.number().int(),
  capacity: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** A validated row with its labels decoded and `disabled` a boolean. */
export interface StaffUserRow extends z.infer<typeof StaffUserColumnsSchema> {
  skills: string[];
  teams: string[];
  disabled: boolean;
}

export function staffUserRecordOf(row: StaffUserRow): StaffUserRecord {
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
export const STAFF_USER_COLUMNS = {
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

export type StaffUserColumnField = keyof typeof STAFF_USER_COLUMNS;
