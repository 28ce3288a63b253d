import { SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  startJwksTestServer,
  type JwksTestServer,
  type TestSigningKey,
} from '../support/jwks-test-server.js';
import { startDeskServer, type DeskServer } from './desk-server.js';

/**
 * Verified viewer identity end to end (issue 15): admins create platform keys over HTTP, a platform backend
 * mints identities with jose (HS256, and RS256/ES256 from a JWKS server on loopback), the viewer session
 * trusts only what verifies, and a verified user's conversation follows them across devices and rooms.
 */

interface Session {
  token: string;
  viewer: {
    viewerId: string;
    tier: string;
    displayName?: string;
    verified?: {
      platformId: string;
      userId: string;
      vipLevel?: number;
      attributes?: Record<string, unknown>;
    };
  };
  identityError?: { code: string; message: string };
  conversationId?: string;
}

let server: DeskServer;
let jwks: JwksTestServer;
let adminToken: string;
let clientNumber = 0;

/** A session from its own client address (the session rate limit is per address). */
async function session(body: Record<string, unknown>): Promise<Session> {
  clientNumber += 1;
  const response = await fetch(`${server.baseUrl}/api/viewer/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.0.${clientNumber}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Session;
}

async function admin(path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  return server.request(path, { ...init, token: adminToken });
}

function mint(
  key: Uint8Array | CryptoKey,
  header: { alg: string; kid?: string },
  claims: Record<string, unknown> = {},
  times: { expiresIn?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { iss = 'acme', sub = 'user-1', aud = 'livedesk', ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader(header)
    .setIssuer(iss as string)
    .setSubject(sub as string)
    .setAudience(aud as string)
    .setIssuedAt(now)
    .setExpirationTime(now + (times.expiresIn ?? 600))
    .sign(key);
}

const mintWith = (key: TestSigningKey, claims: Record<string, unknown> = {}) =>
  mint(key.privateKey, { alg: key.alg, kid: key.kid }, claims);

beforeAll(async () => {
  jwks = await startJwksTestServer();
  server = await startDeskServer({
    LIVEDESK_TRUST_PROXY: 'true',
    // Refused joins leave sockets unadmitted; under CI's load the default 10 s could close one mid-wait.
    LIVEDESK_SOCKET_ADMISSION_MS: '60000',
    LIVEDESK_JWKS_CACHE_SECONDS: '1',
    LIVEDESK_JWKS_TIMEOUT_MS: '1000',
    LIVEDESK_IDENTITY_MAX_LIFETIME_SECONDS: '3600',
  });
  adminToken = (await server.login('admin')).token;
});

afterAll(async () => {
  await server.close();
  await jwks.close();
});

describe('HS256 platform identities', () => {
  let secret: Uint8Array;
  let keyId: string;

  beforeAll(async () => {
    const response = await admin('/api/platform-keys/signing-keys', {
      json: { platformId: 'acme', kind: 'hs256' },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { key: { id: string }; secret: string };
    keyId = created.key.id;
    secret = Buffer.from(created.secret, 'base64url');
  });

  it('shows the secret once: the key list never carries it', async () => {
    const listed = await (await admin('/api/platform-keys')).text();
    expect(listed).toContain(keyId);
    expect(listed).not.toContain(Buffer.from(secret).toString('base64url'));
  });

  it('trusts id, name, tier, level, locale and attributes from a valid signature', async () => {
    const identity = await mint(
      secret,
      { alg: 'HS256', kid: keyId },
      {
        sub: 'user-1',
        name: 'Mia',
        tier: 'regular',
        vip_level: 3,
        locale: 'en',
        attributes: { total_spend: 1288.5, account_age_days: 400, member: true },
      },
    );
    const result = await session({ roomId: 'room-1', identity, displayName: 'Not Mia' });
    expect(result.identityError).toBeUndefined();
    expect(result.viewer).toMatchObject({
      viewerId: 'pu:acme:user-1',
      tier: 'vip',
      displayName: 'Mia',
      locale: 'en',
      verified: {
        platformId: 'acme',
        userId: 'user-1',
        vipLevel: 3,
        attributes: { total_spend: 1288.5, account_age_days: 400, member: true },
      },
    });
  });

  it.each([
    [
      'a forged signature',
      async () => mint(new Uint8Array(32).fill(7), { alg: 'HS256', kid: keyId }),
      'identity_invalid',
    ],
    [
      'an expired identity',
      async () => mint(secret, { alg: 'HS256', kid: keyId }, {}, { expiresIn: -120 }),
      'identity_expired',
    ],
    [
      'another audience',
      async () => mint(secret, { alg: 'HS256', kid: keyId }, { aud: 'someone-else' }),
      'identity_invalid',
    ],
    ['an unknown kid', async () => mint(secret, { alg: 'HS256', kid: 'pk_nobody' }), 'identity_unknown_key'],
    [
      'an unknown platform',
      async () => mint(secret, { alg: 'HS256', kid: keyId }, { iss: 'evil' }),
      'identity_unknown_key',
    ],
    [
      'a lifetime over the limit',
      async () => mint(secret, { alg: 'HS256', kid: keyId }, {}, { expiresIn: 7200 }),
      'identity_invalid',
    ],
    [
      'bad claims',
      async () => mint(secret, { alg: 'HS256', kid: keyId }, { tier: 'platinum' }),
      'identity_invalid',
    ],
    ['not a JWT', () => Promise.resolve('not.a.jwt'), 'identity_invalid'],
    [
      'an unsigned token',
      () =>
        Promise.resolve(
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
            JSON.stringify({ iss: 'acme', sub: 'user-1', aud: 'livedesk', exp: 2e9, tier: 'vip' }),
          ).toString('base64url')}.`,
        ),
      'identity_invalid',
    ],
  ])('refuses %s and the viewer continues anonymous and regular', async (_name, identity, code) => {
    const result = await session({ roomId: 'room-1', identity: await identity() });
    expect(result.identityError?.code).toBe(code);
    expect(result.identityError?.message.length).toBeGreaterThan(0);
    expect(result.viewer.tier).toBe('regular');
    expect(result.viewer.viewerId).not.toMatch(/^pu:/);
    expect(result.viewer.verified).toBeUndefined();
    expect(result.viewer.displayName).toBeUndefined();
    // The anonymous token works.
    const viewer = await server.connectViewer();
    await viewer.join({ token: result.token });
  });

  it('refuses identities of a revoked key at once, and audits creation and revocation', async () => {
    const created = (await (
      await admin('/api/platform-keys/signing-keys', { json: { platformId: 'shortlived', kind: 'hs256' } })
    ).json()) as { key: { id: string }; secret: string };
    const key = Buffer.from(created.secret, 'base64url');
    const identity = await mint(key, { alg: 'HS256', kid: created.key.id }, { iss: 'shortlived' });
    expect((await session({ roomId: 'r', identity })).viewer.viewerId).toBe('pu:shortlived:user-1');
    expect(
      (await admin(`/api/platform-keys/signing-keys/${created.key.id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    expect((await session({ roomId: 'r', identity })).identityError?.code).toBe('identity_unknown_key');

    const audit = (await (await admin('/api/audit?action=platform')).json()) as {
      entries: { action: string; subject: string | null; details: Record<string, unknown> }[];
    };
    const actions = audit.entries.map((entry) => entry.action);
    expect(actions).toContain('platform.signing-key.create');
    expect(audit.entries).toContainEqual(
      expect.objectContaining({ action: 'platform.signing-key.revoke', subject: created.key.id }),
    );
    expect(JSON.stringify(audit.entries)).not.toContain(created.secret);
  });

  it('refuses a join or resume with a viewer token its revoked key vouched for, and ends its open sockets, so the client starts again', async () => {
    const created = (await (
      await admin('/api/platform-keys/signing-keys', { json: { platformId: 'revoked-later', kind: 'hs256' } })
    ).json()) as { key: { id: string }; secret: string };
    const key = Buffer.from(created.secret, 'base64url');
    const identity = await mint(key, { alg: 'HS256', kid: created.key.id }, { iss: 'revoked-later' });
    const verified = await session({ roomId: 'r', identity });
    expect(verified.viewer.verified?.platformId).toBe('revoked-later');
    const open = await server.connectViewer();
    const joined = await open.join({ token: verified.token });
    // Another platform's verified viewer is not touched by this revocation.
    const other = await session({ roomId: 'r', identity: await mint(secret, { alg: 'HS256', kid: keyId }) });
    const otherOpen = await server.connectViewer();
    await otherOpen.join({ token: other.token });

    expect(
      (await admin(`/api/platform-keys/signing-keys/${created.key.id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    // The socket already open is told why and closed within the periodic check (3 s), without a frame from it.
    const ended = await open.waitForError('unauthenticated');
    expect(ended.message).toContain(`platform key ${created.key.id} that verified this identity was revoked`);
    expect((await open.closed).code).toBe(1008);
    await otherOpen.roundTrip();
    expect(otherOpen.frames.filter((frame) => frame.type === 'error')).toEqual([]);
    const resume = await server.connectViewer();
    resume.send({ type: 'join', token: verified.token, conversationId: joined.conversationId });
    expect((await resume.waitForError('unauthenticated')).message).toBe(ended.message);
    const fresh = await server.connectViewer();
    fresh.send({ type: 'join', token: verified.token });
    await fresh.waitForError('unauthenticated');
    await (await server.connectViewer()).join({ token: other.token });
  }, 20_000);
});

describe('RS256 and ES256 identities from a JWKS, with rotation', () => {
  let rsa: TestSigningKey;
  let ec: TestSigningKey;
  let ecNext: TestSigningKey;
  let rsaRecordId: string;

  beforeAll(async () => {
    [rsa, ec, ecNext] = await Promise.all([
      generateSigningKey('rsa-1', 'RS256'),
      generateSigningKey('ec-1', 'ES256'),
      generateSigningKey('ec-2', 'ES256'),
    ]);
    jwks.publish('/rsa.json', [rsa]);
    jwks.publish('/ec.json', [ec]);
    const add = async (path: string) => {
      const response = await admin('/api/platform-keys/signing-keys', {
        json: { platformId: 'stream', kind: 'jwks', jwksUrl: jwks.url(path) },
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { key: { id: string }; secret?: string };
      expect(body.secret).toBeUndefined();
      return body.key.id;
    };
    rsaRecordId = await add('/rsa.json');
    await add('/ec.json');
  });

  it('verifies with either active key, and refuses a third active key for the platform', async () => {
    for (const key of [rsa, ec]) {
      const result = await session({
        roomId: 'room-2',
        identity: await mintWith(key, { iss: 'stream', sub: 'fan-9', tier: 'vip' }),
      });
      expect(result.viewer).toMatchObject({ viewerId: 'pu:stream:fan-9', tier: 'vip' });
    }
    const third = await admin('/api/platform-keys/signing-keys', {
      json: { platformId: 'stream', kind: 'jwks', jwksUrl: jwks.url('/third.json') },
    });
    expect(third.status).toBe(409);
  });

  it('picks up a key added to the JWKS and drops one removed from it', async () => {
    jwks.publish('/ec.json', [ec, ecNext]);
    // An unknown kid makes jose fetch the set again (after its cool-down).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = await session({ roomId: 'room-2', identity: await mintWith(ecNext, { iss: 'stream' }) });
    expect(next.identityError).toBeUndefined();
    jwks.publish('/ec.json', [ecNext]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const old = await session({ roomId: 'room-2', identity: await mintWith(ec, { iss: 'stream' }) });
    expect(old.identityError?.code).toBe('identity_unknown_key');
  });

  it('refuses a forged RS256 identity and, once its key is revoked, any RS256 identity', async () => {
    const impostor = await generateSigningKey('rsa-1', 'RS256');
    const forged = await session({ roomId: 'room-2', identity: await mintWith(impostor, { iss: 'stream' }) });
    expect(forged.identityError?.code).toBe('identity_invalid');
    expect((await admin(`/api/platform-keys/signing-keys/${rsaRecordId}`, { method: 'DELETE' })).status).toBe(
      200,
    );
    const revoked = await session({ roomId: 'room-2', identity: await mintWith(rsa, { iss: 'stream' }) });
    expect(revoked.identityError?.code).toBe('identity_unknown_key');
    expect(revoked.viewer.tier).toBe('regular');
  });

  it('refuses with unknown_key when the JWKS cannot be fetched', async () => {
    const down = (await (
      await admin('/api/platform-keys/signing-keys', {
        json: { platformId: 'offline', kind: 'jwks', jwksUrl: 'http://127.0.0.1:9/jwks.json' },
      })
    ).json()) as { key: { id: string } };
    expect(down.key.id).toMatch(/^pk_/);
    const result = await session({ roomId: 'r', identity: await mintWith(ec, { iss: 'offline' }) });
    expect(result.identityError?.code).toBe('identity_unknown_key');
  });

  it('refuses a JWKS URL that is plain http off this machine', async () => {
    const response = await admin('/api/platform-keys/signing-keys', {
      json: { platformId: 'stream2', kind: 'jwks', jwksUrl: 'http://keys.example.com/jwks.json' },
    });
    expect(response.status).toBe(400);
  });
});

describe('a verified user across devices and rooms, and the inbound platform API', () => {
  let secret: Uint8Array;
  let kid: string;
  let apiKey: string;
  let otherApiKey: string;

  beforeAll(async () => {
    const created = (await (
      await admin('/api/platform-keys/signing-keys', { json: { platformId: 'shop', kind: 'hs256' } })
    ).json()) as { key: { id: string }; secret: string };
    secret = Buffer.from(created.secret, 'base64url');
    kid = created.key.id;
    const key = async (platformId: string) => {
      const response = await admin('/api/platform-keys/api-keys', { json: { platformId, label: 'backend' } });
      expect(response.status).toBe(201);
      return ((await response.json()) as { secret: string }).secret;
    };
    apiKey = await key('shop');
    otherApiKey = await key('elsewhere');
  });

  const platformCall = (path: string, key: string | undefined, json?: unknown) =>
    fetch(`${server.baseUrl}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });

  it('shows one history on two devices, in two rooms, and lets the platform post context and events', async () => {
    const identity = () =>
      mint(secret, { alg: 'HS256', kid }, { iss: 'shop', sub: 'buyer-7', name: '小王', tier: 'vip' });
    const phone = await session({ roomId: 'room-a', identity: await identity() });
    expect(phone.conversationId).toBeUndefined();
    const phoneSocket = await server.connectViewer();
    const joined = await phoneSocket.join({ token: phone.token, locale: 'zh' });
    phoneSocket.send({ type: 'message', text: '我的订单到哪了', clientMessageId: 'm-1' });
    await phoneSocket.waitForEvent('turn-end');

    // A laptop in another room: the session names the conversation, and joining it replays the history.
    const laptop = await session({ roomId: 'room-b', identity: await identity() });
    expect(laptop.viewer.viewerId).toBe('pu:shop:buyer-7');
    expect(laptop.conversationId).toBe(joined.conversationId);
    const laptopSocket = await server.connectViewer();
    const resumed = await laptopSocket.join({
      token: laptop.token,
      conversationId: laptop.conversationId,
      lastSequence: 0,
    });
    expect(resumed.conversationId).toBe(joined.conversationId);
    await laptopSocket.waitForEvent('viewer-message', { where: (event) => event.text === '我的订单到哪了' });

    // An anonymous viewer cannot take that conversation over.
    const stranger = await session({ roomId: 'room-a' });
    const strangerSocket = await server.connectViewer();
    strangerSocket.send({ type: 'join', token: stranger.token, conversationId: joined.conversationId });
    await strangerSocket.waitForError('forbidden');

    const conversationPath = `/api/platform/conversations/${joined.conversationId}`;
    expect(
      (await platformCall(`${conversationPath}/context`, undefined, { productInView: 'x' })).status,
    ).toBe(401);
    expect(
      (await platformCall(`${conversationPath}/context`, 'ldp_wrong', { productInView: 'x' })).status,
    ).toBe(401);
    expect((await platformCall(`${conversationPath}/context`, apiKey, { roomId: 'elsewhere' })).status).toBe(
      400,
    );
    // Another platform's conversation and an unknown id get the same answer: ids cannot be probed.
    const answerOf = async (response: Response) => ({ status: response.status, body: await response.text() });
    const foreign = await answerOf(
      await platformCall(`${conversationPath}/context`, otherApiKey, { productInView: 'x' }),
    );
    const unknown = await answerOf(
      await platformCall('/api/platform/conversations/nope/context', otherApiKey, { productInView: 'x' }),
    );
    expect(foreign.status).toBe(404);
    expect(foreign).toEqual(unknown);
    const foreignEvent = await answerOf(
      await platformCall(`${conversationPath}/events`, otherApiKey, { type: 'refund.completed', text: 'x' }),
    );
    expect(foreignEvent).toEqual(
      await answerOf(
        await platformCall('/api/platform/conversations/nope/events', otherApiKey, {
          type: 'refund.completed',
          text: 'x',
        }),
      ),
    );

    const context = await platformCall(`${conversationPath}/context`, apiKey, {
      productInView: 'SKU-XL-42 卫衣',
      streamerName: '主播小美',
      streamState: 'live',
    });
    expect(context.status).toBe(200);
    expect(await context.json()).toMatchObject({
      liveContext: {
        roomId: 'room-a',
        productInView: 'SKU-XL-42 卫衣',
        streamerName: '主播小美',
        streamState: 'live',
      },
    });

    const mark = laptopSocket.mark();
    const event = await platformCall(`${conversationPath}/events`, apiKey, {
      type: 'refund.completed',
      text: 'Refund of ¥199 for order 8812 done',
      viewerText: '您的退款 ¥199 已到账',
    });
    expect(event.status).toBe(200);
    await laptopSocket.waitForEvent('system-message', {
      from: mark,
      where: (notice) => notice.text === '您的退款 ¥199 已到账',
    });
    await phoneSocket.waitForEvent('system-message', {
      where: (notice) => notice.text === '您的退款 ¥199 已到账',
    });
    // The internal note never reaches the viewer.
    expect(JSON.stringify(laptopSocket.events())).not.toContain('order 8812');
    expect(
      (await platformCall(`${conversationPath}/events`, apiKey, { type: 'Bad Type', text: 'x' })).status,
    ).toBe(400);

    // Stored: agents read the note, the context change and the verified profile in the transcript.
    const detail = (await (await admin(`/api/conversations/${joined.conversationId}`)).json()) as {
      events: { event: Record<string, unknown> }[];
    };
    const events = detail.events.map((item) => item.event);
    expect(events[0]).toMatchObject({
      type: 'conversation-opened',
      profile: {
        viewerId: 'pu:shop:buyer-7',
        tier: 'vip',
        displayName: '小王',
        verified: { platformId: 'shop', userId: 'buyer-7' },
      },
    });
    const contextEvent = events.find((stored) => stored['type'] === 'live-context');
    expect(contextEvent?.['liveContext']).toMatchObject({ productInView: 'SKU-XL-42 卫衣' });
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'platform-event',
        platformId: 'shop',
        eventType: 'refund.completed',
        agentText: 'Refund of ¥199 for order 8812 done',
      }),
    );

    // The platform finds its user's conversations; another platform's key sees none of them.
    const mine = (await (await platformCall('/api/platform/users/buyer-7/conversations', apiKey)).json()) as {
      conversations: { conversationId: string }[];
    };
    expect(mine.conversations.map((row) => row.conversationId)).toContain(joined.conversationId);
    const theirs = (await (
      await platformCall('/api/platform/users/buyer-7/conversations', otherApiKey)
    ).json()) as {
      conversations: unknown[];
    };
    expect(theirs.conversations).toEqual([]);
  });

  it('refuses a revoked API key', async () => {
    const created = (await (
      await admin('/api/platform-keys/api-keys', { json: { platformId: 'shop' } })
    ).json()) as { key: { id: string }; secret: string };
    expect((await platformCall('/api/platform/users/u/conversations', created.secret)).status).toBe(200);
    expect((await admin(`/api/platform-keys/api-keys/${created.key.id}`, { method: 'DELETE' })).status).toBe(
      200,
    );
    expect((await platformCall('/api/platform/users/u/conversations', created.secret)).status).toBe(401);
    const listed = await (await admin('/api/platform-keys')).text();
    expect(listed).not.toContain(created.secret);
  });
});
