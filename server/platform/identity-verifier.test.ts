import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, type TestSigningKey } from '../../test/support/jwks-test-server.js';
import { MAX_JWKS_BYTES } from './fetch-jwks.js';
import { createIdentityVerifier } from './identity-verifier.js';
import type { PlatformSigningKey } from './platform-key-store.js';

const HS_SECRET = Buffer.alloc(32, 7);
const hsKey: PlatformSigningKey = {
  kind: 'hs256',
  id: 'pk_hs',
  platformId: 'acme',
  secret: HS_SECRET.toString('base64url'),
  createdAt: '2026-12-07T10:00:00.000Z',
  createdBy: 'admin',
  revokedAt: null,
};

const verifierWith = (keys: PlatformSigningKey[], maxLifetimeSeconds = 3600) =>
  createIdentityVerifier({
    keys: { listSigningKeys: () => Promise.resolve(keys) },
    maxLifetimeSeconds,
    jwksTimeoutMs: 1000,
    jwksCacheSeconds: 1,
  });

function mintHs(times: { iat?: number; exp: number }): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: 'pk_hs' })
    .setIssuer('acme')
    .setSubject('user-1')
    .setAudience('livedesk')
    .setExpirationTime(times.exp);
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  return jwt.sign(HS_SECRET);
}

describe('the lifetime of a platform identity', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses an identity minted to live longer than the limit, even near its end', async () => {
    // Issued two days ago, ten minutes left: exp - now is short, but it was made to live two days.
    const verdict = await verifierWith([hsKey]).verify(
      await mintHs({ iat: now() - 2 * 86_400, exp: now() + 600 }),
    );
    expect(verdict).toMatchObject({ ok: false, code: 'identity_invalid' });
    expect(!verdict.ok && verdict.message).toMatch(/LIVEDESK_IDENTITY_MAX_LIFETIME_SECONDS/);
  });

  it('without iat, measures from now; within the limit it is trusted', async () => {
    expect(await verifierWith([hsKey]).verify(await mintHs({ exp: now() + 7200 }))).toMatchObject({
      ok: false,
      code: 'identity_invalid',
    });
    expect(await verifierWith([hsKey]).verify(await mintHs({ exp: now() + 600 }))).toMatchObject({
      ok: true,
      keyId: 'pk_hs',
    });
    expect(
      await verifierWith([hsKey]).verify(await mintHs({ iat: now() - 60, exp: now() + 3000 })),
    ).toMatchObject({ ok: true });
  });

  it('does not let an iat set ahead stretch it', async () => {
    const verdict = await verifierWith([hsKey]).verify(
      await mintHs({ iat: now() + 86_400, exp: now() + 86_400 + 600 }),
    );
    expect(verdict).toMatchObject({ ok: false, code: 'identity_invalid' });
  });
});

describe('an oversized JWKS', () => {
  let server: Server;
  let key: TestSigningKey;
  let url: string;

  beforeAll(async () => {
    key = await generateSigningKey('big-1', 'ES256');
    // A real key set, padded past the cap with keys nobody uses.
    const padding = Array.from({ length: 2000 }, (_, index) => ({ ...key.publicJwk, kid: `pad-${index}` }));
    const body = JSON.stringify({ keys: [key.publicJwk, ...padding] });
    expect(body.length).toBeGreaterThan(MAX_JWKS_BYTES);
    server = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(body),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is not read: the identity is refused with a clear unknown_key error', async () => {
    const jwksKey: PlatformSigningKey = {
      kind: 'jwks',
      id: 'pk_jwks',
      platformId: 'acme',
      jwksUrl: url,
      createdAt: '2026-12-07T10:00:00.000Z',
      createdBy: 'admin',
      revokedAt: null,
    };
    const identity = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'big-1' })
      .setIssuer('acme')
      .setSubject('user-1')
      .setAudience('livedesk')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.privateKey);
    const verdict = await verifierWith([jwksKey]).verify(identity);
    expect(verdict).toMatchObject({ ok: false, code: 'identity_unknown_key' });
    expect(!verdict.ok && verdict.message).toMatch(/more than 65536 bytes/);
  });
});
