import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { AccountChange, AccountChanges } from './account-changes.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, type ScryptParams } from './password-hash.js';
import {
  publicStaffUser,
  StaffUserFieldsSchema,
  UsernameSchema,
  type StaffUser,
  type StaffUserChanges,
  type StaffUserRecord,
  type StaffUserStore,
} from './staff-user-store.js';

export const PasswordSchema = z
  .string()
  .min(8, 'password: at least 8 characters')
  .max(256, 'password: at most 256 characters');

export const NewStaffUserSchema = z.object({
  username: UsernameSchema,
  name: StaffUserFieldsSchema.shape.name,
  role: StaffUserFieldsSchema.shape.role,
  password: PasswordSchema,
  skills: StaffUserFieldsSchema.shape.skills.default([]),
  teams: StaffUserFieldsSchema.shape.teams.default([]),
  capacity: StaffUserFieldsSchema.shape.capacity.default(3),
  disabled: z.boolean().default(false),
});
export type NewStaffUser = z.infer<typeof NewStaffUserSchema>;

export const StaffUserPatchSchema = StaffUserFieldsSchema.partial()
  .extend({ password: PasswordSchema.optional() })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'name at least one field to change',
  });
export type StaffUserPatch = z.infer<typeof StaffUserPatchSchema>;

export interface StaffAccountsOptions {
  users: StaffUserStore;
  clock?: () => Date;
  newId?: () => string;
  passwordParams?: ScryptParams;
  /** Told of every change that ends or downgrades the account's sessions (open agent sockets listen). */
  changes?: AccountChanges;
}

type CallOptions = { signal?: AbortSignal | undefined };

/** Account administration: what admins do through /api/users. Passwords are hashed here, never stored. */
export interface StaffAccounts {
  list(): StaffUser[];
  get(id: string): StaffUser | undefined;
  /** The account with this username (already in its canonical lower case), if any. */
  findByUsername(username: string): StaffUser | undefined;
  /** Throws `conflict` when the username is taken. */
  create(input: NewStaffUser, options?: CallOptions): Promise<StaffUser>;
  /** Throws `not_found`, or `conflict` when the change would leave no enabled admin. */
  update(id: string, patch: StaffUserPatch, options?: CallOptions): Promise<StaffUser>;
  /** Rejects with `not_found`, or `conflict` for the last enabled admin. Its tokens and sockets end at once. */
  delete(id: string): Promise<StaffUser>;
}

/** A complete record for a new account whose password is already hashed. */
export function newStaffRecord(
  fields: Omit<NewStaffUser, 'password'>,
  passwordHash: string,
  identity: { id: string; at: string },
): StaffUserRecord {
  return {
    ...fields,
    id: identity.id,
    passwordHash,
    passwordChangedAt: identity.at,
    tokenVersion: 1,
    createdAt: identity.at,
    updatedAt: identity.at,
  };
}

function isEnabledAdmin(user: Pick<StaffUser, 'role' | 'disabled'>): boolean {
  return user.role === 'admin' && !user.disabled;
}

/** Why the account's tokens must stop working after this patch, if they must. */
function revocationReason(
  current: StaffUserRecord,
  patch: StaffUserPatch,
): 'password' | 'disabled' | undefined {
  if (patch.password !== undefined) return 'password';
  if (patch.disabled === true && !current.disabled) return 'disabled';
  return undefined;
}

export function createStaffAccounts(options: StaffAccountsOptions): StaffAccounts {
  const { users } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID());
  const passwordParams = options.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
  const publish = (change: AccountChange) => options.changes?.publish(change);
  const refuseLosingLastAdmin = (
    id: string,
    current: StaffUser,
    after: Pick<StaffUser, 'role' | 'disabled'> | undefined,
  ) => {
    if (!isEnabledAdmin(current) || (after && isEnabledAdmin(after))) return;
    const otherAdmins = users.list().filter((user) => user.id !== id && isEnabledAdmin(user));
    if (otherAdmins.length === 0)
      throw new LivedeskError('conflict', 'this is the last enabled admin; make another admin first');
  };

  return {
    list: () => users.list(),

    get(id) {
      const record = users.get(id);
      return record ? publicStaffUser(record) : undefined;
    },

    findByUsername(username) {
      const record = users.findByUsername(username);
      return record ? publicStaffUser(record) : undefined;
    },

    async create(input, callOptions = {}) {
      // Parsed again here, not only at the HTTP edge: usernames must be compared in their canonical case.
      const parsed = NewStaffUserSchema.safeParse(input);
      if (!parsed.success) throw new LivedeskError('invalid_input', z.prettifyError(parsed.error));
      if (users.findByUsername(parsed.data.username))
        throw new LivedeskError('conflict', `the username ${parsed.data.username} is taken`);
      const { password, ...fields } = parsed.data;
      const passwordHash = await hashPassword(password, passwordParams);
      throwIfAborted(callOptions.signal);
      return await users.create(
        newStaffRecord(fields, passwordHash, { id: newId(), at: clock().toISOString() }),
      );
    },

    async update(id, patch, callOptions = {}) {
      const current = users.get(id);
      if (!current) throw new LivedeskError('not_found', 'no such user');
      const { password, ...fields } = patch;
      const after = { role: fields.role ?? current.role, disabled: fields.disabled ?? current.disabled };
      refuseLosingLastAdmin(id, current, after);
      const revoked = revocationReason(current, patch);
      const roleChanged = after.role !== current.role;
      const at = clock().toISOString();
      const changes: StaffUserChanges = {
        ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
        updatedAt: at,
      };
      if (password !== undefined) {
        changes.passwordHash = await hashPassword(password, passwordParams);
        changes.passwordChangedAt = at;
        throwIfAborted(callOptions.signal);
      }
      if (revoked || roleChanged) changes.revokeTokens = true;
      const updated = await users.update(id, changes);
      if (revoked) publish({ kind: 'revoked', userId: id, reason: revoked });
      else if (roleChanged) {
        const tokenVersion = users.get(id)?.tokenVersion;
        if (tokenVersion !== undefined)
          publish({ kind: 'role', userId: id, role: updated.role, tokenVersion });
      }
      return updated;
    },

    async delete(id) {
      const current = users.get(id);
      if (!current) throw new LivedeskError('not_found', 'no such user');
      refuseLosingLastAdmin(id, current, undefined);
      await users.delete(id);
      publish({ kind: 'revoked', userId: id, reason: 'deleted' });
      return publicStaffUser(current);
    },
  };
}
