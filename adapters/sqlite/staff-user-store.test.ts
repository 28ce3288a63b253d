import { describe, expect, it } from 'vitest';
import type { StaffUserRecord } from '../../server/auth/staff-user-store.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteStaffUserStore } from './staff-user-store.js';

const record = (id: string, username: string): StaffUserRecord => ({
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
});

describe('SQLite staff user store', () => {
  it('stores an account and reads it back by id and by username, listing it without the hash', () => {
    const users = createSqliteStaffUserStore(createSqliteDatabase(':memory:'));
    users.create(record('u1', 'ann'));
    expect(users.get('u1')).toEqual(record('u1', 'ann'));
    expect(users.findByUsername('ann')?.id).toBe('u1');
    expect(users.findByUsername('bob')).toBeUndefined();
    const [listed] = users.list();
    expect(listed).toMatchObject({ id: 'u1', username: 'ann' });
    expect(listed).not.toHaveProperty('passwordHash');
  });

  it('changes only the fields given', () => {
    const users = createSqliteStaffUserStore(createSqliteDatabase(':memory:'));
    users.create(record('u1', 'ann'));
    const changed = users.update('u1', {
      disabled: true,
      teams: ['vip'],
      updatedAt: '2025-02-01T00:00:00.000Z',
    });
    expect(changed).toMatchObject({ disabled: true, teams: ['vip'], skills: ['payments'], capacity: 3 });
    expect(users.get('u1')?.passwordHash).toBe(record('u1', 'ann').passwordHash);
  });

  it('refuses a second account with the same username, and a change to an unknown id', () => {
    const users = createSqliteStaffUserStore(createSqliteDatabase(':memory:'));
    users.create(record('u1', 'ann'));
    expect(() => users.create(record('u2', 'ann'))).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => users.update('nope', { capacity: 1, updatedAt: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('bumps the token version in the same write when asked, and only then', () => {
    const users = createSqliteStaffUserStore(createSqliteDatabase(':memory:'));
    users.create(record('u1', 'ann'));
    users.update('u1', { capacity: 2, updatedAt: '2025-02-01T00:00:00.000Z' });
    expect(users.get('u1')?.tokenVersion).toBe(1);
    users.update('u1', { disabled: true, revokeTokens: true, updatedAt: '2025-02-01T00:00:00.000Z' });
    users.update('u1', { revokeTokens: true, updatedAt: '2025-02-02T00:00:00.000Z' });
    expect(users.get('u1')).toMatchObject({
      tokenVersion: 3,
      disabled: true,
      updatedAt: '2025-02-02T00:00:00.000Z',
    });
  });

  it('deletes an account, and refuses to delete an unknown one', () => {
    const users = createSqliteStaffUserStore(createSqliteDatabase(':memory:'));
    users.create(record('u1', 'ann'));
    users.delete('u1');
    expect(users.get('u1')).toBeUndefined();
    expect(() => users.delete('u1')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses to read a row whose JSON columns were corrupted', () => {
    const database = createSqliteDatabase(':memory:');
    const users = createSqliteStaffUserStore(database);
    users.create(record('u1', 'ann'));
    database.prepare(`UPDATE staff_users SET skills = '{"not":"a list"}' WHERE id = 'u1'`).run();
    expect(() => users.get('u1')).toThrow();
  });
});
