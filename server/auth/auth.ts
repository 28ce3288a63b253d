import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import {
  DEFAULT_SCRYPT_PARAMS,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
  type ScryptParams,
} from './password-hash.js';
import type { Principal } from './principal.js';
import { importTokenKey, readSignedToken, signToken, type TokenPayload } from './signed-token.js';
import { publicStaffUser, UsernameSchema, type StaffUser, type StaffUserStore } from './staff-user-store.js';

export interface AuthOptions {
  users: StaffUserStore;
  /** The HS256 key, at least 32 bytes (see token-secret.ts). */
  secret: Buffer;
  clock?: () => Date;
  /** Default 12 hours. */
  staffTokenTtlSeconds?: number;
  /** Default 24 hours. */
  viewerTokenTtlSeconds?: number;
  /** Cost of new hashes; weaker stored hashes are redone on login. */
  passwordParams?: ScryptParams;
}

export interface LoginResult {
  token: string;
  user: StaffUser;
  /** ISO time after which the token is refused. */
  expiresAt: string;
}

export interface ViewerTokenRequest {
  viewerId: string;
  roomId: string;
  tier: 'regular' | 'vip';
  displayName?: string | undefined;
  locale?: string | undefined;
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

export interface Auth {
  /** Undefined for an unknown username, a wrong password or a disabled account alike. */
  login(
    username: string,
    password: string,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<LoginResult | undefined>;
  /** A token for one viewer in one room; the caller decides who the viewer is. */
  issueViewerToken(request: ViewerTokenRequest): Promise<IssuedToken>;
  /**
   * Who holds `token`, or undefined when it is forged, expired, signed with another algorithm, or belongs
   * to a disabled or removed account or to an older token version of it (new password, role change).
   * Staff principals carry the account's current role.
   */
  verify(token: string): Promise<Principal | undefined>;
  /**
   * The account behind a verified staff session as it is now, or undefined once it is disabled, removed
   * or its token version moved on. Synchronous and cheap: open sockets ask on every frame.
   */
  current(session: { userId: string; tokenVersion: number }): StaffPrincipal | undefined;
}

const MIN_SECRET_BYTES = 32;

/** Password login and HS256 JWTs (through jose) for staff and viewers. */
export function createAuth(options: AuthOptions): Auth {
  const { users, secret } = options;
  if (secret.length < MIN_SECRET_BYTES)
    throw new LivedeskError('invalid_input', `the token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  const clock = options.clock ?? (() => new Date());
  const staffTtl = options.staffTokenTtlSeconds ?? 12 * 3600;
  const viewerTtl = options.viewerTokenTtlSeconds ?? 24 * 3600;
  const passwordParams = options.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
  const dummyHash = dummyPasswordHash(passwordParams);
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);

  const key = importTokenKey(secret);
  // Awaited where used; a failed import (it cannot fail for 32+ raw bytes) must not go unhandled meanwhile.
  key.catch(() => undefined);

  const issue = async (payload: TokenPayload): Promise<IssuedToken> => ({
    token: await signToken(payload, await key),
    expiresAt: new Date(payload.exp * 1000).toISOString(),
  });

  const current: Auth['current'] = ({ userId, tokenVersion }) => {
    const user = users.get(userId);
    if (!user || user.disabled || user.tokenVersion !== tokenVersion) return undefined;
    return {
      kind: 'staff',
      userId: user.id,
      name: user.name,
      role: user.role,
      username: user.username,
      tokenVersion: user.tokenVersion,
    };
  };

  return {
    async login(username, password, callOptions = {}) {
      throwIfAborted(callOptions.signal);
      const name = UsernameSchema.safeParse(username);
      const user = name.success ? users.findByUsername(name.data) : undefined;
      // Unknown users are checked against a dummy hash of the same cost, so timing reveals nothing.
      const matches = await verifyPassword(password, user?.passwordHash ?? dummyHash);
      throwIfAborted(callOptions.signal);
      if (!user || !matches || user.disabled) return undefined;
      if (needsRehash(user.passwordHash, passwordParams)) {
        const passwordHash = await hashPassword(password, passwordParams);
        await users.update(user.id, { passwordHash, updatedAt: clock().toISOString() });
      }
      const iat = nowSeconds();
      const { token, expiresAt } = await issue({
        kind: 'staff',
        sub: user.id,
        role: user.role,
        ver: user.tokenVersion,
        iat,
        exp: iat + staffTtl,
      });
      return { token, expiresAt, user: publicStaffUser(user) };
    },

    current,

    issueViewerToken(request) {
      const iat = nowSeconds();
      return issue({
        kind: 'viewer',
        sub: request.viewerId,
        roomId: request.roomId,
        tier: request.tier,
        ...(request.displayName === undefined ? {} : { name: request.displayName }),
        ...(request.locale === undefined ? {} : { locale: request.locale }),
        iat,
        exp: iat + viewerTtl,
      });
    },

    async verify(token) {
      const payload = await readSignedToken(token, await key, clock());
      if (!payload) return undefined;
      if (payload.kind === 'staff') {
        const principal = current({ userId: payload.sub, tokenVersion: payload.ver });
        return principal && { ...principal, expiresInMs: payload.exp * 1000 - clock().getTime() };
      }
      return {
        kind: 'viewer',
        viewerId: payload.sub,
        roomId: payload.roomId,
        tier: payload.tier,
        ...(payload.name === undefined ? {} : { displayName: payload.name }),
        ...(payload.locale === undefined ? {} : { locale: payload.locale }),
      };
    },
  };
}
