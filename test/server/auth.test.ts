import { createHash } from 'node:crypto';
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
import { deriveTokenKeyBytes, signingKeyFor, tokenKeyId } from '../../server/auth/token-keys.js';
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
      teams: ['support', 'vip-care', 'orders', 'finance'],
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
    const auth = createAuth({
      users: runtime.users,
      secrets: { current: Buffer.from('x'.repeat(40)) },
      passwordParams: stronger,
    });
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
  const secretOf = () => deriveTokenKeyBytes(Buffer.from('x'.repeat(40), 'utf8'), 'staff');
  const VIEWER_SECRET = 'a-viewer-only-secret-for-the-platform-0123456789';
  /** The `kid` a platform computes for its viewer secret: `viewer-` and 16 characters of its SHA-256, base64url. */
  const platformKid = (secret: string) =>
    `viewer-${createHash('sha256').update(secret).digest('base64url').slice(0, 16)}`;
  const headerOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;

  it('issues standard JWTs with the claims a platform can read', async () => {
    const { token } = (await runtime.auth.login('agent', DEMO_PASSWORD))!;
    const [header, body] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
      kid: tokenKeyId('staff', secretOf()),
    });
    const iat = Math.floor(now.getTime() / 1000);
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({
      kind: 'staff',
      aud: 'livedesk:staff',
      sub: userId('agent'),
      role: 'agent',
      ver: 1,
      iat,
      exp: iat + 12 * 3600,
    });
  });

  it('signs staff and viewer tokens with different keys and audiences', async () => {
    const staff = (await runtime.auth.login('agent', DEMO_PASSWORD))!.token;
    const viewer = (await runtime.auth.issueViewerToken({ viewerId: 'v1', roomId: 'r1', tier: 'regular' }))
      .token;
    expect(headerOf(staff).kid).toMatch(/^staff-/);
    expect(headerOf(viewer).kid).toMatch(/^viewer-/);
    expect(headerOf(viewer).kid).not.toBe(headerOf(staff).kid);
    const audienceOf = (token: string) =>
      (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { aud: string }).aud;
    expect([audienceOf(staff), audienceOf(viewer)]).toEqual(['livedesk:staff', 'livedesk:viewer']);
  });

  it('refuses a staff token signed with the viewer key, under any kid or audience', async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const viewerKey = await signingKeyFor('viewer', 'x'.repeat(40));
    const staffKid = headerOf((await runtime.auth.login('agent', DEMO_PASSWORD))!.token).kid as string;
    const claims = { kind: 'staff', role: 'admin', ver: 1 };
    const forge = (kid: string, audience: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid })
        .setAudience(audience)
        .setSubject(userId('admin'))
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(viewerKey.key);
    for (const [kid, audience] of [
      [viewerKey.kid, 'livedesk:viewer'],
      [viewerKey.kid, 'livedesk:staff'],
      [staffKid, 'livedesk:staff'],
      [staffKid, 'livedesk:viewer'],
    ] as const) {
      expect(await runtime.auth.verify(await forge(kid, audience))).toBeUndefined();
    }
    // The same forgery signed with the staff key is accepted: the refusals above are the key's doing.
    const genuine = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: staffKid })
      .setAudience('livedesk:staff')
      .setSubject(userId('admin'))
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(secretOf());
    expect(await runtime.auth.verify(genuine)).toMatchObject({ kind: 'staff', role: 'admin' });
    // A viewer token presented under the staff key's kid is refused too.
    const viewer = (await runtime.auth.issueViewerToken({ viewerId: 'v1', roomId: 'r1', tier: 'regular' }))
      .token;
    const [, body, signature] = viewer.split('.') as [string, string, string];
    const relabelled = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: staffKid })).toString(
      'base64url',
    );
    expect(await runtime.auth.verify(`${relabelled}.${body}.${signature}`)).toBeUndefined();
  });

  it('verifies a viewer token a platform minted with jose and LIVEDESK_VIEWER_SECRET, and nothing else it signs', async () => {
    database.close();
    runtime = await open({ LIVEDESK_VIEWER_SECRET: VIEWER_SECRET });
    const iat = Math.floor(now.getTime() / 1000);
    const mint = (claims: Record<string, unknown>, subject: string, audience = 'livedesk:viewer') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: platformKid(VIEWER_SECRET) })
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(Buffer.from(VIEWER_SECRET, 'utf8'));
    const viewer = await mint(
      { kind: 'viewer', roomId: 'room-7', tier: 'vip', name: 'Fan', locale: 'en' },
      'platform-user-42',
    );
    expect(await runtime.auth.verify(viewer)).toEqual({
      kind: 'viewer',
      viewerId: 'platform-user-42',
      roomId: 'room-7',
      tier: 'vip',
      displayName: 'Fan',
      locale: 'en',
    });
    // The server's own viewer tokens now use that secret too.
    const issued = await runtime.auth.issueViewerToken({ viewerId: 'v2', roomId: 'r', tier: 'regular' });
    expect(headerOf(issued.token).kid).toBe(platformKid(VIEWER_SECRET));
    // The viewer secret cannot make a staff token, whatever it claims.
    const staffClaims = { kind: 'staff', role: 'admin', ver: 1 };
    expect(await runtime.auth.verify(await mint(staffClaims, userId('admin')))).toBeUndefined();
    expect(
      await runtime.auth.verify(await mint(staffClaims, userId('admin'), 'livedesk:staff')),
    ).toBeUndefined();
    // No audience, or the wrong one: refused.
    const noAudience = await new SignJWT({ kind: 'viewer', roomId: 'r', tier: 'regular' })
      .setProtectedHeader({ alg: 'HS256', kid: platformKid(VIEWER_SECRET) })
      .setSubject('v3')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(Buffer.from(VIEWER_SECRET, 'utf8'));
    expect(await runtime.auth.verify(noAudience)).toBeUndefined();
    expect(
      await runtime.auth.verify(await mint({ kind: 'viewer', roomId: 'r', tier: 'regular' }, 'v4', 'other')),
    ).toBeUndefined();
    // Nor can it pose as a platform-verified user: a "pu:" id, or a `vfy` claim, under the shared secret is refused.
    const alice = { platformId: 'shop-b', userId: 'alice' };
    expect(
      await runtime.auth.verify(
        await mint({ kind: 'viewer', roomId: 'r', tier: 'vip', vfy: alice }, 'pu:shop-b:alice'),
      ),
    ).toBeUndefined();
    expect(
      await runtime.auth.verify(await mint({ kind: 'viewer', roomId: 'r', tier: 'vip' }, 'pu:shop-b:alice')),
    ).toBeUndefined();
    // The server's own token for a verified user is signed with a key only the server holds, and verifies.
    const verifiedToken = await runtime.auth.issueViewerToken({
      viewerId: 'pu:shop-b:alice',
      roomId: 'r',
      tier: 'vip',
      verified: alice,
    });
    expect(headerOf(verifiedToken.token).kid).not.toBe(platformKid(VIEWER_SECRET));
    expect(await runtime.auth.verify(verifiedToken.token)).toMatchObject({
      viewerId: 'pu:shop-b:alice',
      verified: alice,
    });
    // Staff tokens still come from the main secret and still verify.
    const staff = (await runtime.auth.login('agent', DEMO_PASSWORD))!.token;
    expect(headerOf(staff).kid).toBe(tokenKeyId('staff', secretOf()));
    expect(await runtime.auth.verify(staff)).toMatchObject({ kind: 'staff', username: 'agent' });
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
      .setProtectedHeader({ alg: 'HS512', kid: tokenKeyId('staff', secretOf()) })
      .setAudience('livedesk:staff')
      .setSubject(userId('admin'))
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(Buffer.concat([secretOf(), secretOf()]));
    expect(await runtime.auth.verify(hs512)).toBeUndefined();
    const sign = (payload: Record<string, unknown>, kid: string | null = tokenKeyId('staff', secretOf())) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', ...(kid === null ? {} : { kid }) })
        .setAudience('livedesk:staff')
        .sign(secretOf());
    const complete = { ...claims, sub: userId('admin'), iat, exp: iat + 600 };
    expect(await runtime.auth.verify(await sign(complete))).toMatchObject({ kind: 'staff', role: 'admin' });
    // No kid, an unknown kid, no expiry, no version, an unknown kind: all refused.
    expect(await runtime.auth.verify(await sign(complete, null))).toBeUndefined();
    expect(await runtime.auth.verify(await sign(complete, 'staff-unknown'))).toBeUndefined();
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
      await signingKeyFor('staff', Buffer.alloc(32, 9)),
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
    expect(() => createAuth({ users: runtime.users, secrets: { current: Buffer.alloc(16) } })).toThrow(
      LivedeskError,
    );
    expect(() =>
      createAuth({ users: runtime.users, secrets: { current: SECRET, previous: Buffer.alloc(16) } }),
    ).toThrow(LivedeskError);
  });
});

describe('key rotation (kid)', () => {
  const OLD = 'the-old-main-secret-0123456789abcdefghij';
  const NEW = 'the-new-main-secret-0123456789abcdefghij';
  const kidOf = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
  const reopen = async (env: Record<string, string>) => {
    database.close();
    runtime = await open(env);
  };
  const viewerToken = async () =>
    (await runtime.auth.issueViewerToken({ viewerId: 'fan', roomId: 'room', tier: 'regular' })).token;

  it('verifies tokens of the previous secret while it is configured, signs only with the new one, and refuses them once it is removed', async () => {
    await reopen({ LIVEDESK_SECRET: OLD });
    const oldStaff = (await runtime.auth.login('agent', DEMO_PASSWORD))!.token;
    const oldViewer = await viewerToken();

    await reopen({ LIVEDESK_SECRET: NEW, LIVEDESK_SECRET_PREVIOUS: OLD });
    expect(await runtime.auth.verify(oldStaff)).toMatchObject({ kind: 'staff', username: 'agent' });
    expect(await runtime.auth.verify(oldViewer)).toMatchObject({ kind: 'viewer', viewerId: 'fan' });
    const newStaff = (await runtime.auth.login('agent', DEMO_PASSWORD))!.token;
    const newViewer = await viewerToken();
    expect(kidOf(newStaff)).toBe((await signingKeyFor('staff', NEW)).kid);
    expect(kidOf(newViewer)).toBe((await signingKeyFor('viewer', NEW)).kid);
    expect(kidOf(newStaff)).not.toBe(kidOf(oldStaff));

    await reopen({ LIVEDESK_SECRET: NEW });
    expect(await runtime.auth.verify(oldStaff)).toBeUndefined();
    expect(await runtime.auth.verify(oldViewer)).toBeUndefined();
    expect(await runtime.auth.verify(newStaff)).toMatchObject({ kind: 'staff', username: 'agent' });
    expect(await runtime.auth.verify(newViewer)).toMatchObject({ kind: 'viewer' });
  });

  it("refuses a token signed with the previous key under the new key's kid", async () => {
    await reopen({ LIVEDESK_SECRET: NEW, LIVEDESK_SECRET_PREVIOUS: OLD });
    const iat = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ kind: 'staff', role: 'agent', ver: 1 })
      .setProtectedHeader({ alg: 'HS256', kid: (await signingKeyFor('staff', NEW)).kid })
      .setAudience('livedesk:staff')
      .setSubject(userId('agent'))
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign((await signingKeyFor('staff', OLD)).key);
    expect(await runtime.auth.verify(token)).toBeUndefined();
  });

  it('rotates LIVEDESK_VIEWER_SECRET the same way, leaving staff tokens alone', async () => {
    const first = 'first-viewer-secret-0123456789abcdefghij';
    const second = 'second-viewer-secret-0123456789abcdefghi';
    await reopen({ LIVEDESK_SECRET: OLD, LIVEDESK_VIEWER_SECRET: first });
    const staff = (await runtime.auth.login('agent', DEMO_PASSWORD))!.token;
    const before = await viewerToken();
    await reopen({
      LIVEDESK_SECRET: OLD,
      LIVEDESK_VIEWER_SECRET: second,
      LIVEDESK_VIEWER_SECRET_PREVIOUS: first,
    });
    expect(await runtime.auth.verify(before)).toMatchObject({ kind: 'viewer' });
    const after = await viewerToken();
    expect(kidOf(after)).not.toBe(kidOf(before));
    await reopen({ LIVEDESK_SECRET: OLD, LIVEDESK_VIEWER_SECRET: second });
    expect(await runtime.auth.verify(before)).toBeUndefined();
    expect(await runtime.auth.verify(after)).toMatchObject({ kind: 'viewer' });
    expect(await runtime.auth.verify(staff)).toMatchObject({ kind: 'staff' });
  });
});

describe('first-start accounts', () => {
  it('creates the demo team once, sharing the demo password, and never again', async () => {
    expect(runtime.accounts.list().map((user) => user.username)).toEqual([
      'admin',
      'agent',
      'agent2',
      'editor',
      'moderator',
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
