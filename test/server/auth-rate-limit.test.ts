import { afterEach, describe, expect, it } from 'vitest';
import { startAuthTestServer, type AuthTestServer } from './auth-test-server.js';

let server: AuthTestServer | undefined;
let nowMs = 0;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ADMIN_PASSWORD = 'admin-password';

/** No demo knowledge (nothing here needs it, and indexing it is most of a start); only an admin account. */
async function start(env: Record<string, string>): Promise<AuthTestServer> {
  nowMs = 1_000_000;
  server = await startAuthTestServer({
    env: { LIVEDESK_SEED_DEMO: 'false', LIVEDESK_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
    nowMs: () => nowMs,
  });
  return server;
}

const statuses = async (count: number, send: () => Promise<Response>): Promise<number[]> => {
  const seen: number[] = [];
  for (let index = 0; index < count; index++) seen.push((await send()).status);
  return seen;
};

describe('per-address HTTP rate limit', () => {
  it('answers 429 with Retry-After once the burst is spent, and serves again after the refill', async () => {
    const app = await start({ LIVEDESK_HTTP_RATE_PER_SECOND: '2', LIVEDESK_HTTP_RATE_BURST: '3' });
    const me = () => app.request('/api/auth/me');
    expect(await statuses(3, me)).toEqual([401, 401, 401]);
    const limited = await me();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    nowMs += 499;
    expect((await me()).status).toBe(429);
    nowMs += 1;
    expect(await statuses(2, me)).toEqual([401, 429]);
    nowMs += 60_000;
    expect(await statuses(4, me)).toEqual([401, 401, 401, 429]);
  });

  it('limits /api/ask like any other API route but never /healthz', async () => {
    const app = await start({ LIVEDESK_HTTP_RATE_PER_SECOND: '1', LIVEDESK_HTTP_RATE_BURST: '2' });
    const ask = () => app.request('/api/ask', { method: 'POST', json: { text: 'hello' } });
    expect(await statuses(3, ask)).toEqual([200, 200, 429]);
    expect(await statuses(5, () => app.request('/healthz'))).toEqual([200, 200, 200, 200, 200]);
  });

  it('ignores X-Forwarded-For unless told a proxy sets it', async () => {
    const app = await start({ LIVEDESK_HTTP_RATE_PER_SECOND: '1', LIVEDESK_HTTP_RATE_BURST: '1' });
    const from = (address: string) => () =>
      app.request('/api/auth/me', { headers: { 'x-forwarded-for': address } });
    expect((await from('10.0.0.1')()).status).toBe(401);
    expect((await from('10.0.0.2')()).status).toBe(429);
  });

  it('buckets by the address the trusted proxy saw, not the one the client claimed', async () => {
    const app = await start({
      LIVEDESK_HTTP_RATE_PER_SECOND: '1',
      LIVEDESK_HTTP_RATE_BURST: '1',
      LIVEDESK_TRUST_PROXY: 'true',
    });
    const from = (header: string) => () =>
      app.request('/api/auth/me', { headers: { 'x-forwarded-for': header } });
    expect((await from('10.0.0.1')()).status).toBe(401);
    expect((await from('10.0.0.2')()).status).toBe(401);
    expect((await from('10.0.0.1')()).status).toBe(429);
    // A client prepending a made-up hop still lands in the bucket of the address the proxy appended.
    expect((await from('192.168.9.9, 10.0.0.2')()).status).toBe(429);
  });
});

describe('login attempt limit', () => {
  it('stops guessing one username from one address, even with the right password, until the bucket refills', async () => {
    const app = await start({ LIVEDESK_LOGIN_ATTEMPTS_PER_MINUTE: '1', LIVEDESK_LOGIN_BURST: '2' });
    const attempt = (username: string, password: string) => () =>
      app.request('/api/auth/login', { method: 'POST', json: { username, password } });
    expect(await statuses(2, attempt('admin', 'guess'))).toEqual([401, 401]);
    const limited = await attempt('admin', ADMIN_PASSWORD)();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    // Case does not make a new bucket; another username does.
    expect((await attempt(' ADMIN', ADMIN_PASSWORD)()).status).toBe(429);
    expect((await attempt('someone-else', 'guess')()).status).toBe(401);
    nowMs += 60_000;
    expect((await attempt('admin', ADMIN_PASSWORD)()).status).toBe(200);
  });
});

describe('anonymous viewer sessions', () => {
  it('are limited per address: ten at once, then one a second', async () => {
    const app = await start({});
    const open = () => app.request('/api/viewer/session', { method: 'POST', json: { roomId: 'room-1' } });
    expect(await statuses(10, open)).toEqual(Array(10).fill(200));
    expect((await open()).status).toBe(429);
    nowMs += 1000;
    expect(await statuses(2, open)).toEqual([200, 429]);
  });
});
