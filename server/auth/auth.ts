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
import { isPlatformViewerId, type VerifiedViewer } from '../platform/verified-identity.js';
import { readVerifiedViewerClaim, verifiedViewerClaim } from '../platform/verified-viewer-claim.js';
import { readSignedToken, signToken, type TokenPayload } from './signed-token.js';
import { createTokenKeyring, type TokenKeySecrets } from './token-keys.js';
import { publicStaffUser, UsernameSchema, type StaffUser, type StaffUserStore } from './staff-user-store.js';

export interface AuthOptions {
  users: StaffUserStore;
  /**
   * The HS256 secrets, each at least 32 bytes (see token-secret.ts): staff and viewer tokens are signed with
   * keys of their own (token-keys.ts), with the current secret only; a previous one still verifies.
   */
  secrets: TokenKeySecrets;
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
  /** The viewer chose `displayName` themselves: agents see it marked as self-named. */
  selfNamed?: boolean | undefined;
  locale?: string | undefined;
  /** The identity a platform signed (server/platform/): carried in the token, `viewerId` is made from it. */
  verified?: VerifiedViewer | undefined;
  /** The platform signing key that verified `verified`: a join refuses the token once it is revoked. */
  verifiedKeyId?: string | undefined;
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
  const { users, secrets } = options;
  for (const secret of Object.values(secrets) as (Uint8Array | undefined)[]) {
    if (secret !== undefined && secret.length < MIN_SECRET_BYTES)
      throw new LivedeskError('invalid_input', `a token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const clock = options.clock ?? (() => new Date());
  const staffTtl = options.staffTokenTtlSeconds ?? 12 * 3600;
  const viewerTtl = options.viewerTokenTtlSeconds ?? 24 * 3600;
  const passwordParams = options.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
  const dummyHash = dummyPasswordHash(passwordParams);
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);

  const keyring = createTokenKeyring(secrets);
  // Awaited where used; a failed import (it cannot fail for 32+ raw bytes) must not go unhandled meanwhile.
  keyring.catch(() => undefined);

  const issue = async (payload: TokenPayload, verifiedViewer = false): Promise<IssuedToken> => {
    const keys = await keyring;
    return {
      token: await signToken(payload, verifiedViewer ? keys.verifiedViewer : keys.signing[payload.kind]),
      expiresAt: new Date(payload.exp * 1000).toISOString(),
    };
  };

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
      const payload: TokenPayload & ReturnType<typeof verifiedViewerClaim> = {
        kind: 'viewer',
        sub: request.viewerId,
        roomId: request.roomId,
        tier: request.tier,
        ...(request.displayName === undefined ? {} : { name: request.displayName }),
        ...(request.displayName !== undefined && request.selfNamed ? { selfNamed: true as const } : {}),
        ...(request.locale === undefined ? {} : { locale: request.locale }),
        ...verifiedViewerClaim(request.verified, request.verifiedKeyId),
        iat,
        exp: iat + viewerTtl,
      };
      return issue(payload, request.verified !== undefined);
    },

    async verify(token) {
      const signed = await readSignedToken(token, await keyring, clock());
      if (!signed) return undefined;
      const { payload } = signed;
      if (payload.kind === 'staff') {
        const principal = current({ userId: payload.sub, tokenVersion: payload.ver });
        return principal && { ...principal, expiresInMs: payload.exp * 1000 - clock().getTime() };
      }
      // Platform users' ids are vouched for by a platform key through this server only: a key a platform
      // also holds (LIVEDESK_VIEWER_SECRET) can mint anonymous-style viewers, never a verified user's id.
      if (signed.key.external && isPlatformViewerId(payload.sub)) return undefined;
      const verified = signed.key.external ? undefined : readVerifiedViewerClaim(token, payload.sub);
      return {
        kind: 'viewer',
        viewerId: payload.sub,
        roomId: payload.roomId,
        tier: payload.tier,
        ...(payload.name === undefined ? {} : { displayName: payload.name }),
        ...(payload.selfNamed ? { selfNamed: true } : {}),
        ...(payload.locale === undefined ? {} : { locale: payload.locale }),
        ...(verified === undefined ? {} : { verified }),
      };
    },
  };
}
