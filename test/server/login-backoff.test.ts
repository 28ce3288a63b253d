import { afterEach, describe, expect, it } from 'vitest';
import { startAuthTestServer, type AuthTestServer } from './auth-test-server.js';

let server: AuthTestServer | undefined;
let nowMs = 0;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ADMIN_PASSWORD = 'admin-password';

/** One admin, addresses taken from X-Forwarded-For, and the plain per-address buckets out of the way. */
async function start(env: Record<string, string> = {}): Promise<AuthTestServer> {
  nowMs = 1_000_000;
  server = await startAuthTestServer({
    env: {
      LIVEDESK_SEED_DEMO: 'false',
      LIVEDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LIVEDESK_TRUST_PROXY: 'true',
      LIVEDESK_LOGIN_BURST: '10000',
      LIVEDESK_LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      LIVEDESK_HTTP_RATE_BURST: '100000',
      ...env,
    },
    nowMs: () => nowMs,
  });
  return server;
}

const attempt = (app: AuthTestServer, username: string, password: string, address = '10.0.0.1') =>
  app.request('/api/auth/login', {
    method: 'POST',
    json: { username, password },
    headers: { 'x-forwarded-for': address },
  });

interface AuditRow {
  action: string;
  outcome: string;
  subject: string | null;
  address: string | null;
  actorUsername: string | null;
  details: Record<string, unknown>;
}

async function auditRows(app: AuthTestServer, query: string): Promise<AuditRow[]> {
  // From an address of its own, so the admin's sign-in is not held back by the attacks under test.
  const login = await attempt(app, 'admin', ADMIN_PASSWORD, '10.9.9.9');
  const { token } = (await login.json()) as { token: string };
  const response = await app.request(`/api/audit?${query}`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: AuditRow[] }).entries;
}

describe('sign-in back-off per username', () => {
  it('holds against guesses sent all at once: each sees the failures before it', async () => {
    const app = await start();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => (await attempt(app, 'admin', 'guess')).status),
    );
    // Five failures open the back-off; every later guess is refused without a password check.
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
  });

  it('makes the fifth failure wait 1 s, then 2 s, 4 s …, answering 429 with Retry-After, even for the right password', async () => {
    const app = await start();
    for (let index = 0; index < 5; index++) expect((await attempt(app, 'admin', 'guess')).status).toBe(401);
    const held = await attempt(app, 'admin', ADMIN_PASSWORD);
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    expect(await held.json()).toMatchObject({ error: 'rate_limited' });
    nowMs += 1000;
    expect((await attempt(app, 'admin', 'guess')).status).toBe(401);
    expect((await attempt(app, 'admin', 'guess')).headers.get('retry-after')).toBe('2');
    nowMs += 2000;
    expect((await attempt(app, 'Admin ', 'guess')).status).toBe(401);
    expect((await attempt(app, 'admin', ADMIN_PASSWORD)).headers.get('retry-after')).toBe('4');
    // The same username from another address waits too: the limit follows the account, not the caller.
    expect((await attempt(app, 'admin', ADMIN_PASSWORD, '10.0.0.2')).status).toBe(429);
    nowMs += 4000;
    expect((await attempt(app, 'admin', ADMIN_PASSWORD)).status).toBe(200);
    // A success forgives the username's failures.
    expect((await attempt(app, 'admin', 'guess')).status).toBe(401);
    expect((await attempt(app, 'admin', 'guess')).status).toBe(401);
  });

  it('never waits longer than the configured maximum', async () => {
    const app = await start({ LIVEDESK_LOGIN_MAX_BACKOFF_SECONDS: '3' });
    for (let index = 0; index < 8; index++) {
      expect((await attempt(app, 'admin', 'guess')).status).toBe(401);
      nowMs += 60_000;
    }
    expect((await attempt(app, 'admin', 'guess')).status).toBe(401);
    expect((await attempt(app, 'admin', 'guess')).headers.get('retry-after')).toBe('3');
  });

  it('records failures, the refusal (once per wait) and the success in the audit log', async () => {
    const app = await start();
    for (let index = 0; index < 5; index++) await attempt(app, 'admin', 'guess');
    for (let index = 0; index < 3; index++) expect((await attempt(app, 'admin', 'guess')).status).toBe(429);
    nowMs += 1000;
    expect((await attempt(app, 'admin', ADMIN_PASSWORD)).status).toBe(200);
    const rows = await auditRows(app, 'action=auth.login&limit=20');
    const fromAttacker = rows.filter((row) => row.address === '10.0.0.1').reverse();
    expect(fromAttacker.map((row) => row.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'refused',
      'success',
    ]);
    expect(fromAttacker[5]).toMatchObject({
      subject: 'admin',
      actorUsername: null,
      details: { reason: 'backoff', scope: 'username', retryAfterSeconds: 1 },
    });
    expect(fromAttacker[6]).toMatchObject({ subject: 'admin', actorUsername: 'admin' });
  });
});

describe('sign-in back-off per address', () => {
  it('stops password spraying: many usernames from one address wait once the address has failed enough', async () => {
    const app = await start({ LIVEDESK_LOGIN_ADDRESS_FAILURES: '12' });
    // 36 guesses over 12 usernames, three each: no username reaches its own limit.
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++)
      for (let user = 0; user < 12; user++)
        statuses.push((await attempt(app, `user-${user}`, `guess-${round}`, '10.6.6.6')).status);
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(statuses.slice(12).every((status) => status === 429)).toBe(true);
    const refused = await attempt(app, 'admin', ADMIN_PASSWORD, '10.6.6.6');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another address is not held back.
    expect((await attempt(app, 'admin', ADMIN_PASSWORD, '10.0.0.7')).status).toBe(200);
    const rows = await auditRows(app, 'action=auth&outcome=refused');
    expect(rows.some((row) => row.address === '10.6.6.6' && row.details['scope'] === 'address')).toBe(true);
  });
});
