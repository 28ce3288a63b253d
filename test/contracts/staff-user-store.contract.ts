import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffUserRecord, StaffUserStore } from '../../server/auth/staff-user-store.js';

export interface StaffUserStoreHarness {
  store: StaffUserStore;
  /**
   * Opens another store on the same storage, as a second node (or process) would. The harness closes what it
   * opened in `cleanup`.
   */
  openAnother(): Promise<StaffUserStore>;
  cleanup(): Promise<void>;
}

/** How long a change made through one store may take to reach another on the same storage. */
export const STAFF_CHANGE_REACH_MS = 1_000;

export function staffRecord(
  id: string,
  username: string,
  overrides: Partial<StaffUserRecord> = {},
): StaffUserRecord {
  return {
    id,
    username,
    name: `Name of ${username}`,
    role: 'agent',
    skills: ['payments'],
    teams: ['general'],
    capacity: 3,
    disabled: false,
    passwordHash: '$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    passwordChangedAt: '2025-01-01T00:00:00.000Z',
    tokenVersion: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * What every StaffUserStore promises, SQLite and PostgreSQL alike:
 * `runStaffUserStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runStaffUserStoreContract(
  name: string,
  createHarness: () => Promise<StaffUserStoreHarness>,
): void {
  describe(`StaffUserStore contract: ${name}`, () => {
    let harness: StaffUserStoreHarness;
    let users: StaffUserStore;

    beforeEach(async () => {
      harness = await createHarness();
      users = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('stores an account and reads it back by id and by username, listing it without the hash', async () => {
      expect(users.list()).toEqual([]);
      expect(await users.create(staffRecord('u1', 'ann'))).not.toHaveProperty('passwordHash');
      expect(users.get('u1')).toEqual(staffRecord('u1', 'ann'));
      expect(users.findByUsername('ann')?.id).toBe('u1');
      expect(users.findByUsername('bob')).toBeUndefined();
      expect(users.get('u2')).toBeUndefined();
      const [listed] = users.list();
      expect(listed).toMatchObject({ id: 'u1', username: 'ann' });
      expect(listed).not.toHaveProperty('passwordHash');
    });

    it('keeps a moderator (issue 16), and a role changed to and from it', async () => {
      await users.create(staffRecord('m1', 'mia', { role: 'moderator', capacity: 0 }));
      expect(users.get('m1')?.role).toBe('moderator');
      await users.update('m1', { role: 'agent', updatedAt: '2025-01-02T00:00:00.000Z' });
      await users.update('m1', { role: 'moderator', updatedAt: '2025-01-03T00:00:00.000Z' });
      expect(users.findByUsername('mia')?.role).toBe('moderator');
    });

    it('lists accounts by username', async () => {
      await users.create(staffRecord('u1', 'carol'));
      await users.create(staffRecord('u2', 'ann'));
      await users.create(staffRecord('u3', 'bob.b'));
      await users.create(staffRecord('u4', 'bob-a'));
      expect(users.list().map((user) => user.username)).toEqual(['ann', 'bob-a', 'bob.b', 'carol']);
    });

    it('changes only the fields given', async () => {
      await users.create(staffRecord('u1', 'ann'));
      const changed = await users.update('u1', {
        disabled: true,
        teams: ['vip'],
        updatedAt: '2025-02-01T00:00:00.000Z',
      });
      expect(changed).toMatchObject({ disabled: true, teams: ['vip'], skills: ['payments'], capacity: 3 });
      expect(changed).not.toHaveProperty('passwordHash');
      expect(users.get('u1')).toEqual(
        staffRecord('u1', 'ann', { disabled: true, teams: ['vip'], updatedAt: '2025-02-01T00:00:00.000Z' }),
      );
      await users.update('u1', {
        name: 'Ann B.',
        role: 'supervisor',
        skills: [],
        capacity: 0,
        passwordHash: 'new-hash',
        passwordChangedAt: '2025-03-01T00:00:00.000Z',
        updatedAt: '2025-03-01T00:00:00.000Z',
      });
      expect(users.findByUsername('ann')).toMatchObject({
        name: 'Ann B.',
        role: 'supervisor',
        skills: [],
        teams: ['vip'],
        capacity: 0,
        passwordHash: 'new-hash',
        passwordChangedAt: '2025-03-01T00:00:00.000Z',
        disabled: true,
      });
    });

    it('refuses a second account with the same username or id, and a change to an unknown id', async () => {
      await users.create(staffRecord('u1', 'ann'));
      await expect(users.create(staffRecord('u2', 'ann'))).rejects.toMatchObject({ code: 'conflict' });
      await expect(users.create(staffRecord('u1', 'bob'))).rejects.toMatchObject({ code: 'conflict' });
      await expect(users.update('nope', { capacity: 1, updatedAt: 'x' })).rejects.toMatchObject({
        code: 'not_found',
      });
      // A refused write leaves nothing behind.
      expect(users.get('u2')).toBeUndefined();
      expect(users.findByUsername('bob')).toBeUndefined();
      expect(users.list().map((user) => user.id)).toEqual(['u1']);
    });

    it('bumps the token version in the same write when asked, and only then', async () => {
      await users.create(staffRecord('u1', 'ann'));
      await users.update('u1', { capacity: 2, updatedAt: '2025-02-01T00:00:00.000Z' });
      expect(users.get('u1')?.tokenVersion).toBe(1);
      await users.update('u1', { disabled: true, revokeTokens: true, updatedAt: '2025-02-01T00:00:00.000Z' });
      await users.update('u1', { revokeTokens: true, updatedAt: '2025-02-02T00:00:00.000Z' });
      expect(users.get('u1')).toMatchObject({
        tokenVersion: 3,
        disabled: true,
        updatedAt: '2025-02-02T00:00:00.000Z',
      });
    });

    it('gives every one of simultaneous revocations its own token version', async () => {
      await users.create(staffRecord('u1', 'ann'));
      await Promise.all(
        [1, 2, 3, 4].map((day) =>
          users.update('u1', { revokeTokens: true, updatedAt: `2025-02-0${day}T00:00:00.000Z` }),
        ),
      );
      expect(users.get('u1')?.tokenVersion).toBe(5);
    });

    it('deletes an account, and refuses to delete an unknown one', async () => {
      await users.create(staffRecord('u1', 'ann'));
      await users.delete('u1');
      expect(users.get('u1')).toBeUndefined();
      expect(users.findByUsername('ann')).toBeUndefined();
      expect(users.list()).toEqual([]);
      await expect(users.delete('u1')).rejects.toMatchObject({ code: 'not_found' });
      // The username is free again.
      await users.create(staffRecord('u2', 'ann'));
      expect(users.findByUsername('ann')?.id).toBe('u2');
    });

    it('shows another node’s disabling, demotion, revocation and deletion within a second', async () => {
      await users.create(staffRecord('u1', 'ann', { role: 'admin' }));
      await users.create(staffRecord('u2', 'bob'));
      const other = await harness.openAnother();
      expect(other.get('u1')).toMatchObject({ role: 'admin', disabled: false });

      const reached = (check: () => void) =>
        vi.waitFor(check, { timeout: STAFF_CHANGE_REACH_MS, interval: 10 });
      await users.update('u1', { disabled: true, revokeTokens: true, updatedAt: '2025-02-01T00:00:00.000Z' });
      await reached(() => expect(other.get('u1')).toMatchObject({ disabled: true, tokenVersion: 2 }));
      await other.update('u1', { role: 'editor', revokeTokens: true, updatedAt: '2025-02-02T00:00:00.000Z' });
      await reached(() => expect(users.get('u1')).toMatchObject({ role: 'editor', tokenVersion: 3 }));
      await users.delete('u2');
      await reached(() => expect(other.findByUsername('bob')).toBeUndefined());
      await other.create(staffRecord('u3', 'carol'));
      await reached(() => expect(users.findByUsername('carol')?.id).toBe('u3'));
      expect(other.list().map((user) => user.username)).toEqual(['ann', 'carol']);
      // Both see the same username taken, whichever created it.
      await expect(users.create(staffRecord('u4', 'carol'))).rejects.toMatchObject({ code: 'conflict' });
    });
  });
}
