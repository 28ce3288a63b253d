import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { LocaleSchema } from '../../knowledge/entry.js';
import type { Auth, ViewerTokenRequest } from '../auth/auth.js';
import type { StaffAccounts } from '../auth/staff-accounts.js';
import { StaffUserSchema } from '../auth/staff-user-store.js';
import type { RateLimit } from '../realtime/token-bucket.js';
import { clientIp } from './client-ip.js';
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

export const ViewerSessionRequestSchema = z.object({
  roomId: RoomIdSchema,
  displayName: DisplayNameSchema.optional(),
  locale: LocaleSchema.optional(),
});

export const ViewerTokenRequestSchema = ViewerSessionRequestSchema.extend({
  viewerId: z.string().trim().min(1).max(128),
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
    locale: z.string().optional(),
  }),
});

export interface AuthRoutesOptions {
  auth: Auth;
  accounts: Pick<StaffAccounts, 'get'>;
  trustProxy: boolean;
  /** Login attempts per client address and username. */
  loginRateLimit: RateLimit;
  /** Anonymous viewer sessions per client address. Default 1/s, burst 10. */
  viewerSessionRateLimit?: RateLimit;
  nowMs?: () => number;
  newViewerId?: () => string;
}

function unauthorized(context: Context): Response {
  return context.json({ error: 'unauthorized', message: 'wrong username or password' }, 401);
}

function issueViewer(auth: Auth, request: ViewerTokenRequest): z.infer<typeof ViewerTokenResponseSchema> {
  const { token, expiresAt } = auth.issueViewerToken(request);
  const { viewerId, roomId, tier, displayName, locale } = request;
  return {
    token,
    expiresAt,
    viewer: {
      viewerId,
      roomId,
      tier,
      ...(displayName === undefined ? {} : { displayName }),
      ...(locale === undefined ? {} : { locale }),
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

  app.post('/api/auth/login', async (context) => {
    const body = await readJsonBody(context, LoginRequestSchema);
    if (!body.ok) return body.response;
    const { username, password } = body.value;
    const attemptKey = `${clientIp(context, options.trustProxy)}\n${username.trim().toLowerCase()}`;
    if (!takeLoginAttempt(attemptKey)) return tooManyRequests(context, options.loginRateLimit);
    const result = await auth.login(username, password, { signal: context.req.raw.signal });
    if (!result) return unauthorized(context);
    return context.json({
      token: result.token,
      user: StaffProfileSchema.parse(result.user),
      expiresAt: result.expiresAt,
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
      429: { description: 'Too many attempts for this username from this address' },
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
      return context.json(issueViewer(auth, { ...body.value, viewerId: newViewerId(), tier: 'regular' }));
    },
  );
  registry.add({
    method: 'post',
    path: '/api/viewer/session',
    summary: 'An anonymous viewer token for one room, with a fresh viewer id',
    tag: 'viewers',
    body: ViewerSessionRequestSchema,
    responses: { 200: { description: 'The viewer token', schema: ViewerTokenResponseSchema } },
  });

  app.post('/api/viewer/tokens', requireStaff(auth, ['admin']), async (context) => {
    const body = await readJsonBody(context, ViewerTokenRequestSchema);
    if (!body.ok) return body.response;
    return context.json(issueViewer(auth, body.value));
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
