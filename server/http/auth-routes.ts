import { createOneAtATime } from '../auth/one-at-a-time.js';
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { LocaleSchema } from '../../knowledge/entry.js';
import type { AuditLog } from '../audit/audit-log.js';
import { createSignInSubjects, normaliseTypedUsername } from '../auth/sign-in-subject.js';
import type { Auth, ViewerTokenRequest } from '../auth/auth.js';
import { createLoginThrottle } from '../auth/login-throttle.js';
import type { StaffAccounts } from '../auth/staff-accounts.js';
import { StaffUserSchema } from '../auth/staff-user-store.js';
import type { LoginBackoffConfig } from '../config.js';
import type { RateLimit } from '../realtime/token-bucket.js';
import { clientIp } from './client-ip.js';
import type { IdentityVerifier } from '../platform/identity-verifier.js';
import { isPlatformViewerId, platformViewerId } from '../platform/verified-identity.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { createKeyedRateLimiter, rateLimit, tooManyRequests } from './rate-limit.js';
import { readJsonBody } from './read-json-body.js';
import { ANY_STAFF_ROLE, requireStaff } from './require-role.js';

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});

/** What a signed-in staff member's client needs to know about them. */
export const StaffProfileSchema = StaffUserSchema.pick({
  id: true,
  username: true,
  name: true,
  role: true,
  skills: true,
  teams: true,
  capacity: true,
});

const LoginResponseSchema = z.object({
  token: z.string(),
  user: StaffProfileSchema,
  expiresAt: z.iso.datetime(),
});

const RoomIdSchema = z.string().trim().min(1).max(128);
const DisplayNameSchema = z.string().trim().min(1).max(64);

const ViewerRequestBaseSchema = z.object({
  roomId: RoomIdSchema,
  displayName: DisplayNameSchema.optional(),
  locale: LocaleSchema.optional(),
});

export const ViewerSessionRequestSchema = ViewerRequestBaseSchema.extend({
  /** A viewer identity the platform's backend signed (a JWT; see README, "Verified viewer identity"). */
  identity: z.string().min(1).max(8192).optional(),
});

export const ViewerTokenRequestSchema = ViewerRequestBaseSchema.extend({
  viewerId: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .refine(
      (id) => !isPlatformViewerId(id),
      'ids starting with "pu:" are platform users: sign in through `identity`',
    ),
  tier: z.enum(['regular', 'vip']),
});

const ViewerTokenResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  viewer: z.object({
    viewerId: z.string(),
    roomId: z.string(),
    tier: z.enum(['regular', 'vip']),
    displayName: z.string().optional(),
    selfNamed: z.boolean().optional(),
    locale: z.string().optional(),
    verified: z
      .object({
        platformId: z.string(),
        userId: z.string(),
        vipLevel: z.number().optional(),
        attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      })
      .optional(),
  }),
});

const ViewerSessionResponseSchema = ViewerTokenResponseSchema.extend({
  /** The identity was not trusted: the token is anonymous and regular, and this says why. */
  identityError: z
    .object({
      code: z.enum(['identity_invalid', 'identity_expired', 'identity_unknown_key']),
      message: z.string(),
    })
    .optional(),
  /** A verified viewer's latest open conversation (another device, another room): join it to see the history. */
  conversationId: z.string().optional(),
});

export interface AuthRoutesOptions {
  auth: Auth;
  accounts: Pick<StaffAccounts, 'get' | 'findByUsername'>;
  trustProxy: boolean;
  /** Login attempts per client address and username. */
  loginRateLimit: RateLimit;
  /** Growing waits after failed sign-ins per username and per address; default 5 / 20 failures, 15 min. */
  loginBackoff?: LoginBackoffConfig | undefined;
  /** Sign-ins (success, failure, refusal) are recorded here when given. */
  audit?: AuditLog | undefined;
  /** Anonymous viewer sessions per client address. Default 1/s, burst 10. */
  viewerSessionRateLimit?: RateLimit;
  nowMs?: () => number;
  newViewerId?: () => string;
  /** Checks platform-signed identities (server/platform/); without it an `identity` is refused as unknown. */
  identity?: IdentityVerifier | undefined;
  /** A verified viewer's latest conversation that is not closed, to resume on a new device. */
  latestOpenConversation?: ((viewerId: string) => Promise<string | undefined>) | undefined;
}

const DEFAULT_LOGIN_BACKOFF: LoginBackoffConfig = {
  usernameFailures: 5,
  addressFailures: 20,
  maxDelayMs: 900_000,
};

function unauthorized(context: Context): Response {
  return context.json({ error: 'unauthorized', message: 'wrong username or password' }, 401);
}

async function issueViewer(
  auth: Auth,
  request: ViewerTokenRequest,
): Promise<z.infer<typeof ViewerTokenResponseSchema>> {
  const { token, expiresAt } = await auth.issueViewerToken(request);
  const { viewerId, roomId, tier, displayName, selfNamed, locale, verified } = request;
  return {
    token,
    expiresAt,
    viewer: {
      viewerId,
      roomId,
      tier,
      ...(displayName === undefined ? {} : { displayName }),
      ...(displayName !== undefined && selfNamed ? { selfNamed: true } : {}),
      ...(locale === undefined ? {} : { locale }),
      ...(verified === undefined ? {} : { verified }),
    },
  };
}

/** Staff login, who-am-I, and viewer tokens (anonymous per room, or issued by an admin for known viewers). */
export function registerAuthRoutes(app: Hono, options: AuthRoutesOptions, registry: ApiRegistry): void {
  const { auth } = options;
  const limits = options.nowMs ? { nowMs: options.nowMs } : {};
  const takeLoginAttempt = createKeyedRateLimiter({ limit: options.loginRateLimit, ...limits });
  const viewerSessionRateLimit = options.viewerSessionRateLimit ?? { perSecond: 1, burst: 10 };
  const newViewerId = options.newViewerId ?? (() => `viewer-${randomUUID()}`);
  const backoff = options.loginBackoff ?? DEFAULT_LOGIN_BACKOFF;
  const oneAtATime = createOneAtATime();
  const signInSubject = createSignInSubjects({
    findByUsername: (username) => options.accounts.findByUsername(username),
  });
  const throttle = createLoginThrottle({
    perUsername: {
      failuresBeforeWait: backoff.usernameFailures,
      baseDelayMs: 1000,
      maxDelayMs: backoff.maxDelayMs,
    },
    perAddress: {
      failuresBeforeWait: backoff.addressFailures,
      baseDelayMs: 1000,
      maxDelayMs: backoff.maxDelayMs,
    },
    forgetAfterMs: Math.max(backoff.maxDelayMs, 3600_000),
    ...limits,
  });

  app.post('/api/auth/login', async (context) => {
    const body = await readJsonBody(context, LoginRequestSchema);
    if (!body.ok) return body.response;
    const { username, password } = body.value;
    const address = clientIp(context, options.trustProxy);
    const name = normaliseTypedUsername(username);
    const audit = (
      outcome: 'success' | 'failure' | 'refused',
      details: Record<string, unknown> = {},
      actor?: { id: string; username: string },
    ) => {
      if (!options.audit) return;
      // Only an existing account's username is written; typed text that names no account is not.
      const typed = signInSubject(username);
      options.audit.record({
        actorId: actor?.id ?? null,
        actorUsername: actor?.username ?? null,
        action: 'auth.login',
        outcome,
        subject: typed.subject,
        address,
        details: { ...typed.details, ...details },
      });
    };
    if (!takeLoginAttempt(`${address}\n${name}`)) return tooManyRequests(context, options.loginRateLimit);
    // One attempt at a time per username and per address: parallel guesses each see the failures before them.
    return oneAtATime([`user\n${name}`, `address\n${address}`], async () => {
      const verdict = throttle.check(name, address);
      if (!verdict.allowed) {
        const retryAfterSeconds = Math.ceil(verdict.retryAfterMs / 1000);
        if (verdict.firstRefusal)
          audit('refused', { reason: 'backoff', scope: verdict.scope, retryAfterSeconds });
        return context.json(
          { error: 'rate_limited', message: 'too many failed sign-ins; try again later' },
          429,
          { 'retry-after': String(retryAfterSeconds) },
        );
      }
      const result = await auth.login(username, password, { signal: context.req.raw.signal });
      if (!result) {
        throttle.failed(name, address);
        audit('failure');
        return unauthorized(context);
      }
      throttle.succeeded(name);
      audit('success', {}, { id: result.user.id, username: result.user.username });
      return context.json({
        token: result.token,
        user: StaffProfileSchema.parse(result.user),
        expiresAt: result.expiresAt,
      });
    });
  });
  registry.add({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in as a staff member; send the token as an Authorization: Bearer header',
    tag: 'auth',
    body: LoginRequestSchema,
    responses: {
      200: { description: 'Signed in', schema: LoginResponseSchema },
      401: { description: 'Unknown user, wrong password or disabled account (one message for all)' },
      429: {
        description:
          'Too many attempts for this username from this address, or a back-off after failed sign-ins for this username or from this address (Retry-After says how long)',
      },
    },
  });

  app.get('/api/auth/me', requireStaff(auth, ANY_STAFF_ROLE), (context) => {
    const user = options.accounts.get(context.get('principal').userId);
    if (!user) return context.json({ error: 'unauthorized', message: 'the account is gone' }, 401);
    return context.json({ user: StaffProfileSchema.parse(user) });
  });
  registry.add({
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in staff member',
    tag: 'auth',
    auth: ANY_STAFF_ROLE,
    responses: { 200: { description: 'The account', schema: z.object({ user: StaffProfileSchema }) } },
  });

  app.post(
    '/api/viewer/session',
    rateLimit({
      limit: viewerSessionRateLimit,
      key: (context) => clientIp(context, options.trustProxy),
      ...limits,
    }),
    async (context) => {
      const body = await readJsonBody(context, ViewerSessionRequestSchema);
      if (!body.ok) return body.response;
      const { identity, ...request } = body.value;
      // Nobody vouches for an anonymous viewer's name: agents see it marked as self-chosen.
      const anonymous = { ...request, viewerId: newViewerId(), tier: 'regular' as const, selfNamed: true };
      if (identity === undefined) return context.json(await issueViewer(auth, anonymous));
      const verdict = options.identity
        ? await options.identity.verify(identity)
        : ({ ok: false, code: 'identity_unknown_key', message: 'no platform keys are configured' } as const);
      if (!verdict.ok) {
        const identityError = { code: verdict.code, message: verdict.message };
        return context.json({ ...(await issueViewer(auth, anonymous)), identityError });
      }
      // Only the signature's word counts for who the viewer is; the body may still pick a language.
      const { verified, tier, displayName, locale } = verdict.identity;
      const viewerId = platformViewerId(verified.platformId, verified.userId);
      const session = await issueViewer(auth, {
        roomId: request.roomId,
        viewerId,
        tier,
        verified,
        verifiedKeyId: verdict.keyId,
        ...(displayName === undefined ? {} : { displayName }),
        ...((locale ?? request.locale) === undefined ? {} : { locale: locale ?? request.locale }),
      });
      const conversationId = await options.latestOpenConversation?.(viewerId);
      return context.json({ ...session, ...(conversationId === undefined ? {} : { conversationId }) });
    },
  );
  registry.add({
    method: 'post',
    path: '/api/viewer/session',
    summary:
      'A viewer token for one room: anonymous with a fresh viewer id, or for the platform user a valid `identity` names (else anonymous, with `identityError`)',
    tag: 'viewers',
    body: ViewerSessionRequestSchema,
    responses: { 200: { description: 'The viewer token', schema: ViewerSessionResponseSchema } },
  });

  app.post('/api/viewer/tokens', requireStaff(auth, ['admin']), async (context) => {
    const body = await readJsonBody(context, ViewerTokenRequestSchema);
    if (!body.ok) return body.response;
    return context.json(await issueViewer(auth, body.value));
  });
  registry.add({
    method: 'post',
    path: '/api/viewer/tokens',
    summary: 'A viewer token for a viewer the platform knows (VIP tier, display name)',
    tag: 'viewers',
    auth: ['admin'],
    body: ViewerTokenRequestSchema,
    responses: { 200: { description: 'The viewer token', schema: ViewerTokenResponseSchema } },
  });
}
