import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Auth } from '../auth/auth.js';
import { roleAllows, StaffRoleSchema, type Principal, type StaffRole } from '../auth/principal.js';

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type ViewerPrincipal = Extract<Principal, { kind: 'viewer' }>;

/** Hono env of handlers behind `requireStaff`: `context.get('principal')` is the signed-in staff member. */
export interface StaffEnv {
  Variables: { principal: StaffPrincipal };
}

/** Hono env of handlers behind `requireViewer`. */
export interface ViewerEnv {
  Variables: { principal: ViewerPrincipal };
}

/** Every staff role: for routes any signed-in staff member may use. */
export const ANY_STAFF_ROLE: readonly StaffRole[] = StaffRoleSchema.options;

/** The token of an `Authorization: Bearer <token>` header. */
export function readBearerToken(header: string | undefined): string | undefined {
  return /^Bearer +([^\s]+) *$/i.exec(header ?? '')?.[1];
}

function unauthorized(context: Context): Response {
  return context.json({ error: 'unauthorized', message: 'sign in: a valid bearer token is required' }, 401, {
    'www-authenticate': 'Bearer',
  });
}

function forbidden(context: Context): Response {
  return context.json({ error: 'forbidden', message: 'this token may not do this' }, 403);
}

async function principalOf(context: Context, auth: Pick<Auth, 'verify'>): Promise<Principal | undefined> {
  const token = readBearerToken(context.req.header('authorization'));
  return token === undefined ? undefined : await auth.verify(token);
}

/** 401 without a valid token, 403 when it is not a staff token whose role allows one of `roles`. */
export function requireStaff(auth: Pick<Auth, 'verify'>, roles: readonly StaffRole[]) {
  return createMiddleware<StaffEnv>(async (context, next) => {
    const principal = await principalOf(context, auth);
    if (!principal) return unauthorized(context);
    if (principal.kind !== 'staff' || !roleAllows(principal.role, roles)) return forbidden(context);
    context.set('principal', principal);
    await next();
  });
}

/** 401 without a valid token, 403 for a staff token: the route acts for one viewer in one room. */
export function requireViewer(auth: Pick<Auth, 'verify'>) {
  return createMiddleware<ViewerEnv>(async (context, next) => {
    const principal = await principalOf(context, auth);
    if (!principal) return unauthorized(context);
    if (principal.kind !== 'viewer') return forbidden(context);
    context.set('principal', principal);
    await next();
  });
}
