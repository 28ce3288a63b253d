import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteStaffUserStore } from '../../adapters/sqlite/staff-user-store.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { createAuth } from '../../server/auth/auth.js';
import { createAuthRuntime, type AuthRuntime } from '../../server/auth/create-auth-runtime.js';
import { parsePasswordHash } from '../../server/auth/password-hash.js';
import { seedStaffAccounts } from '../../server/auth/seed-staff-accounts.js';
import { SignJWT, UnsecuredJWT } from 'jose';
import { signToken } from '../../server/auth/signed-token.js';
import { loadConfig } from '../../server/config.js';
import { databasePath } from '../../server/knowledge-runtime.js';
import { DEMO_PASSWORD, TEST_SCRYPT_PARAMS } from './auth-test-server.js';

const SECRET = Buffer.alloc(32, 7);
const HOUR_MS = 3600_000;

let dataDir: string;
let database: Database;
let now: Date;
let runtime: AuthRuntime;

async function open(env: Record<string, string> = {}): Promise<AuthRuntime> {
  const config = loadConfig({ LIVEDESK_DATA_DIR: dataDir, LIVEDESK_SECRET: 'x'.repeat(40), ...env });
  database = createSqliteDatabase(databasePath(config));
  return createAuthRuntime({
    config,
    database,
    clock: () => now,
    passwordParams: TEST_SCRYPT_PARAMS,
    log: () => {},
  });
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-auth-unit-'));
  now = new Date('2025-03-01T12:00:00.000Z');
  runtime = await open();
});

afterEach(() => {
  database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function userId(username: string): string {
  return runtime.users.findByUsername(username)!.id;
}

describe('staff login', () => {
  it('signs a demo agent in with the right password and names their role, skills and teams', async () => {
    const result = await runtime.auth.login('agent', DEMO_PASSWORD);
    expect(result?.user).toMatchObject({
      username: 'agent',
      role: 'agent',
      teams: ['support', 'vip-care', 'orders'],
    });
    expect(result?.user.skills).toContain('payments');
    expect(result?.expiresAt).toBe(new Date(now.getTime() + 12 * HOUR_MS).toISOString());
    expect(await runtime.auth.verify(result!.token)).toEqual({
      kind: 'staff',
      userId: userId('agent'),
      name: result!.user.name,
      role: 'agent',
      username: 'agent',
      tokenVersion: 1,
      expiresInMs: 12 * HOUR_MS,
    });
  });

  it('accepts the username in any case and with surrounding spaces', async () => {
    expect(await runtime.auth.login('  Supervisor ', DEMO_PASSWORD)).toBeDefined();
  });

  it('refuses a wrong password and an unknown username alike', async () => {
    expect(await runtime.auth.login('agent', 'livedesk-demo!')).toBeUndefined();
    expect(await runtime.auth.login('nobody', DEMO_PASSWORD)).toBeUndefined();
    expect(await runtime.auth.login('', '')).toBeUndefined();
  });

  // Before issue 12 re-enabling the account brought its old tokens back; revocation is now for good.
  it('refuses a disabled account, and the tokens it held stay dead after it is enabled again', async () => {
    const before = await runtime.auth.login('agent2', DEMO_PASSWORD);
    await runtime.accounts.update(userId('agent2'), { disabled: true });
    expect(await runtime.auth.login('agent2', DEMO_PASSWORD)).toBeUndefined();
    expect(await runtime.auth.verify(before!.token)).toBeUndefined();
    await runtime.accounts.update(userId('agent2'), { disabled: false });
    expect(await runtime.auth.verify(before!.token)).toBeUndefined();
    const after = await runtime.auth.login('agent2', DEMO_PASSWORD);
    expect(await runtime.auth.verify(after!.token)).toMatchObject({ role: 'agent' });
  });

  it('ends old sessions when the password changes, and only the new password works', async () => {
    const before = await runtime.auth.login('editor', DEMO_PASSWORD);
    now = new Date(now.getTime() + 5_000);
    await runtime.accounts.update(userId('editor'), { password: 'a much better password' });
    expect(await runtime.auth.verify(before!.token)).toBeUndefined();
    expect(await runtime.auth.login('editor', DEMO_PASSWORD)).toBeUndefined();
    const after = await runtime.auth.login('editor', 'a much better password');
    expect(await runtime.auth.verify(after!.token)).toMatchObject({ role: 'editor' });
  });

  it('refuses a token issued in the same second as a later password change', async () => {
    const before = await runtime.auth.login('editor', DEMO_PASSWORD);
    // The clock does not move: the old check compared whole seconds and let this token through.
    await runtime.accounts.update(userId('editor'), { password: 'a much better password' });
    expect(await runtime.auth.verify(before!.token)).toBeUndefined();
    const after = await runtime.auth.login('editor', 'a much better password');
    expect(await runtime.auth.verify(after!.token)).toMatchObject({ role: 'editor', tokenVersion: 2 });
  });

  // Before issue 12 a role change kept the token and changed its rights; the token is now revoked.
  it('revokes the tokens issued before a role change; a new sign-in carries the new role', async () => {
    const { token } = (await runtime.auth.login('editor', DEMO_PASSWORD))!;
    await runtime.accounts.update(userId('editor'), { role: 'agent' });
    expect(await runtime.auth.verify(token)).toBeUndefined();
    const again = (await runtime.auth.login('editor', DEMO_PASSWORD))!;
    expect(await runtime.auth.verify(again.token)).toMatchObject({ role: 'agent' });
  });

  it('keeps tokens valid across changes that do not touch access (name, skills, capacity)', async () => {
    const { token } = (await runtime.auth.login('agent', DEMO_PASSWORD))!;
    await runtime.accounts.update(userId('agent'), { name: 'Ada A.', skills: ['vip'], capacity: 2 });
    expect(await runtime.auth.verify(token)).toMatchObject({ name: 'Ada A.', tokenVersion: 1 });
  });

  it('revokes the tokens of a deleted account and refuses to delete the last admin', async () => {
    const { token } = (await runtime.auth.login('agent2', DEMO_PASSWORD))!;
    await runtime.accounts.delete(userId('agent2'));
    expect(await runtime.auth.verify(token)).toBeUndefined();
    expect(await runtime.auth.login('agent2', DEMO_PASSWORD)).toBeUndefined();
    await expect(runtime.accounts.delete(userId('admin'))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('tells listeners of revocations and role changes, with the new token version', async () => {
    const seen: unknown[] = [];
    runtime.changes.subscribe((change) => seen.push(change));
    await runtime.accounts.update(userId('supervisor'), { role: 'agent' });
    await runtime.accounts.update(userId('supervisor'), { capacity: 1 });
    await runtime.accounts.update(userId('agent'), { password: 'another password' });
    await runtime.accounts.update(userId('agent2'), { disabled: true });
    const editorId = userId('editor');
    await runtime.accounts.delete(editorId);
    expect(seen).toEqual([
      { kind: 'role', userId: userId('supervisor'), role: 'agent', tokenVersion: 2 },
      { kind: 'revoked', userId: userId('agent'), reason: 'password' },
      { kind: 'revoked', userId: userId('agent2'), reason: 'disabled' },
      { kind: 'revoked', userId: editorId, reason: 'deleted' },
    ]);
  });

  it('upgrades a hash made with weaker parameters on the next successful login', async () => {
    const stronger = { log2N: 11, r: 8, p: 1 };
    const auth = createAuth({ users: runtime.users, secret: SECRET, passwordParams: stronger });
    expect(parsePasswordHash(runtime.users.findByUsername('agent')!.passwordHash)?.params.log2N).toBe(10);
    expect(await auth.login('agent', 'wrong password')).toBeUndefined();
    expect(parsePasswordHash(runtime.users.findByUsername('agent')!.passwordHash)?.params.log2N).toBe(10);
    const result = await auth.login('agent', DEMO_PASSWORD);
    expect(parsePasswordHash(runtime.users.findByUsername('agent')!.passwordHash)?.params).toEqual(stronger);
    // Rehashing is not a password change: the session just issued stays valid.
    expect(await auth.verify(result!.token)).toMatchObject({ username: 'agent' });
  });

  it('stops before checking the password when the caller has gone', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runtime.auth.login('agent', DEMO_PASSWORD, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});

describe('signed tokens (JWT, HS256)', () => {
  const secretOf = () => Buffer.from('x'.repeat(40), 'utf8');

  it('issues standard JWTs with the claims a platform can read', async () => {
    const { token } = (await runtime.auth.login('agent', DEMO_PASSWORD))!;
    const [header, body] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const iat = Math.floor(now.getTime() / 1000);
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({
      kind: 'staff',
      sub: userId('agent'),
      role: 'agent',
      ver: 1,
      iat,
      exp: iat + 12 * 3600,
    });
  });

  it('verifies a token a platform minted with jose and the same secret', async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const viewer = await new SignJWT({
      kind: 'viewer',
      roomId: 'room-7',
      tier: 'vip',
      name: 'Fan',
      locale: 'en',
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('platform-user-42')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(secretOf());
    expect(await runtime.auth.verify(viewer)).toEqual({
      kind: 'viewer',
      viewerId: 'platform-user-42',
      roomId: 'room-7',
      tier: 'vip',
      displayName: 'Fan',
      locale: 'en',
    });
    const staff = await new SignJWT({ kind: 'staff', role: 'admin', ver: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId('supervisor'))
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(secretOf());
    // The role comes from the account, never from the claim.
    expect(await runtime.auth.verify(staff)).toMatchObject({ kind: 'staff', role: 'supervisor' });
  });

  it('refuses alg none, another algorithm, and tokens without the claims it needs', async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const claims = { kind: 'staff', role: 'admin', ver: 1 };
    const unsecured = new UnsecuredJWT(claims)
      .setSubject(userId('admin'))
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .encode();
    expect(await runtime.auth.verify(unsecured)).toBeUndefined();
    const hs512 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject(userId('admin'))
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(Buffer.concat([secretOf(), secretOf()]));
    expect(await runtime.auth.verify(hs512)).toBeUndefined();
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(secretOf());
    // No expiry, no version, an unknown kind: all refused.
    expect(await runtime.auth.verify(await sign({ ...claims, sub: userId('admin'), iat }))).toBeUndefined();
    expect(
      await runtime.auth.verify(await sign({ kind: 'staff', sub: userId('admin'), iat, exp: iat + 600 })),
    ).toBeUndefined();
    expect(
      await runtime.auth.verify(await sign({ kind: 'robot', sub: 'x', iat, exp: iat + 600 })),
    ).toBeUndefined();
  });

  it('refuses a token whose payload was changed, even to a valid-looking one', async () => {
    const { token } = (await runtime.auth.login('agent', DEMO_PASSWORD))!;
    const [header, body, signature] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...payload, sub: userId('admin') })).toString('base64url');
    expect(await runtime.auth.verify(`${header}.${promoted}.${signature}`)).toBeUndefined();
    const lastChar = signature.at(-2) === 'A' ? 'B' : 'A';
    expect(
      await runtime.auth.verify(`${header}.${body}.${signature.slice(0, -2)}${lastChar}${signature.at(-1)}`),
    ).toBeUndefined();
    expect(await runtime.auth.verify(`${token}.extra`)).toBeUndefined();
    expect(await runtime.auth.verify('')).toBeUndefined();
    expect(await runtime.auth.verify(`${token}${'a'.repeat(5000)}`)).toBeUndefined();
  });

  it('refuses a token signed with another secret', async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const forged = await signToken(
      { kind: 'staff', sub: userId('admin'), role: 'admin', ver: 1, iat, exp: iat + 3600 },
      Buffer.alloc(32, 9),
    );
    expect(await runtime.auth.verify(forged)).toBeUndefined();
  });

  it('refuses a staff token once it has expired, after 12 hours by default', async () => {
    const { token } = (await runtime.auth.login('supervisor', DEMO_PASSWORD))!;
    now = new Date(now.getTime() + 12 * HOUR_MS - 1000);
    expect(await runtime.auth.verify(token)).toMatchObject({ role: 'supervisor' });
    now = new Date(now.getTime() + 1000);
    expect(await runtime.auth.verify(token)).toBeUndefined();
  });

  it('scopes a viewer token to its room and expires it after the configured lifetime', async () => {
    database.close();
    runtime = await open({ LIVEDESK_VIEWER_TOKEN_TTL_SECONDS: '600' });
    const issued = await runtime.auth.issueViewerToken({
      viewerId: 'fan-1',
      roomId: 'room-9',
      tier: 'vip',
      displayName: 'Fan',
    });
    expect(issued.expiresAt).toBe(new Date(now.getTime() + 600_000).toISOString());
    expect(await runtime.auth.verify(issued.token)).toEqual({
      kind: 'viewer',
      viewerId: 'fan-1',
      roomId: 'room-9',
      tier: 'vip',
      displayName: 'Fan',
    });
    now = new Date(now.getTime() + 600_000);
    expect(await runtime.auth.verify(issued.token)).toBeUndefined();
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createAuth({ users: runtime.users, secret: Buffer.alloc(16) })).toThrow(LivedeskError);
  });
});

describe('first-start accounts', () => {
  it('creates the demo team once, sharing the demo password, and never again', async () => {
    expect(runtime.accounts.list().map((user) => user.username)).toEqual([
      'admin',
      'agent',
      'agent2',
      'editor',
      'supervisor',
    ]);
    expect(runtime.accounts.list().find((user) => user.username === 'supervisor')?.teams).toEqual([
      'supervisor',
      'complaints',
      'support',
      'trust-safety',
    ]);
    const again = await seedStaffAccounts({
      users: runtime.users,
      seedDemo: true,
      demoPassword: 'other-password',
      passwordParams: TEST_SCRYPT_PARAMS,
      log: () => {},
    });
    expect(again).toEqual([]);
  });

  it('creates only an admin from LIVEDESK_ADMIN_PASSWORD when the demo is off, and logs no password', async () => {
    database.close();
    rmSync(dataDir, { recursive: true, force: true });
    const logged: unknown[] = [];
    const config = loadConfig({
      LIVEDESK_DATA_DIR: dataDir,
      LIVEDESK_SEED_DEMO: 'false',
      LIVEDESK_ADMIN_PASSWORD: 'admin-password-1',
    });
    database = createSqliteDatabase(databasePath(config));
    runtime = await createAuthRuntime({
      config,
      database,
      passwordParams: TEST_SCRYPT_PARAMS,
      log: (message, fields) => logged.push(message, fields),
    });
    expect(runtime.accounts.list().map((user) => [user.username, user.role])).toEqual([['admin', 'admin']]);
    expect(await runtime.auth.login('admin', 'admin-password-1')).toBeDefined();
    expect(JSON.stringify(logged)).not.toContain('admin-password-1');
  });

  it('creates no account without the demo or an admin password', async () => {
    const users = createSqliteStaffUserStore(createSqliteDatabase(':memory:'));
    expect(await seedStaffAccounts({ users, seedDemo: false, demoPassword: DEMO_PASSWORD })).toEqual([]);
    expect(users.list()).toEqual([]);
  });
});

describe('account administration', () => {
  it('refuses a username that is taken, whatever its case', async () => {
    await expect(
      runtime.accounts.create({
        username: 'AGENT',
        name: 'Copy',
        role: 'agent',
        password: 'password123',
        skills: [],
        teams: [],
        capacity: 1,
        disabled: false,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never leaves the desk without an enabled admin', async () => {
    const adminId = userId('admin');
    await expect(runtime.accounts.update(adminId, { disabled: true })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(runtime.accounts.update(adminId, { role: 'editor' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(runtime.users.get(adminId)).toMatchObject({ role: 'admin', disabled: false });
    await runtime.accounts.update(userId('supervisor'), { role: 'admin' });
    expect(await runtime.accounts.update(adminId, { role: 'editor' })).toMatchObject({ role: 'editor' });
  });

  it('stores a new account with a hash, never the password', async () => {
    const user = await runtime.accounts.create({
      username: 'new.agent',
      name: 'New Agent',
      role: 'agent',
      password: 'fresh-password',
      skills: ['vip'],
      teams: ['general'],
      capacity: 2,
      disabled: false,
    });
    expect(user).not.toHaveProperty('passwordHash');
    const stored = runtime.users.get(user.id)!;
    expect(stored.passwordHash).toMatch(/^\$scrypt\$/);
    expect(stored.passwordHash).not.toContain('fresh-password');
    expect(await runtime.auth.login('new.agent', 'fresh-password')).toBeDefined();
  });
});
