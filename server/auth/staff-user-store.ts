import { z } from 'zod';
import { StaffRoleSchema } from './principal.js';

/** Lower-case login names, so `Agent` and `agent` cannot be two accounts. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'username: 2-64 letters, digits, ".", "_" or "-"');

const LabelSchema = z.string().trim().min(1).max(64);

/** A staff account as everyone but the store sees it: never the password hash. */
export const StaffUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  skills: z.array(z.string()),
  teams: z.array(z.string()),
  /** The most conversations an agent holds at once. */
  capacity: z.number().int().min(0),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

/** What the store keeps besides the public fields. */
export interface StaffUserRecord extends StaffUser {
  /** PHC-style scrypt string (see password-hash.ts). */
  passwordHash: string;
  /** When the password last changed (shown to admins; revocation goes by `tokenVersion`). */
  passwordChangedAt: string;
  /**
   * Staff tokens carry the version they were issued under; bumping it (new password, disabled, role change)
   * refuses every token issued before, whatever the clock says.
   */
  tokenVersion: number;
}

export const StaffUserFieldsSchema = z.object({
  name: z.string().trim().min(1).max(128),
  role: StaffRoleSchema,
  skills: z.array(LabelSchema).max(50),
  teams: z.array(LabelSchema).max(50),
  capacity: z.number().int().min(0).max(100),
  disabled: z.boolean(),
});

export type StaffUserChanges = Partial<
  Pick<StaffUserRecord, 'name' | 'role' | 'skills' | 'teams' | 'capacity' | 'disabled' | 'passwordHash'>
> & {
  passwordChangedAt?: string;
  updatedAt: string;
  /** Bumps `tokenVersion` by one in the same write, so two changes at once cannot share a version. */
  revokeTokens?: true;
};

/**
 * Staff accounts. Reads are synchronous because `Auth.verify` checks the account on every request and frame;
 * a remote store serves them from a local cache kept fresh by change notifications. Writes resolve once the
 * change is stored, and a read that follows sees it.
 */
export interface StaffUserStore {
  findByUsername(username: string): StaffUserRecord | undefined;
  get(id: string): StaffUserRecord | undefined;
  list(): StaffUser[];
  /** Rejects with `conflict` when the username or id is taken. */
  create(user: StaffUserRecord): Promise<StaffUser>;
  /** Rejects with `not_found` for an unknown id. */
  update(id: string, changes: StaffUserChanges): Promise<StaffUser>;
  /** Rejects with `not_found` for an unknown id. */
  delete(id: string): Promise<void>;
}

export function publicStaffUser(record: StaffUserRecord): StaffUser {
  return StaffUserSchema.parse(record);
}
