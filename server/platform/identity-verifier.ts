import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { AddressRefusedError } from '../net/address-guard.js';
import { createJwksFetch, JwksFetchError } from './fetch-jwks.js';
import type { PlatformKeyStore, PlatformSigningKey } from './platform-key-store.js';
import { identityFromClaims, IdentityClaimsSchema, type VerifiedIdentity } from './verified-identity.js';

/** Why an identity was not trusted; the viewer continues anonymous and regular either way. */
export type IdentityErrorCode = 'identity_invalid' | 'identity_expired' | 'identity_unknown_key';

export type IdentityVerdict =
  | { ok: true; identity: VerifiedIdentity; keyId: string }
  | { ok: false; code: IdentityErrorCode; message: string };

export interface IdentityVerifierOptions {
  keys: Pick<PlatformKeyStore, 'listSigningKeys'>;
  /** An identity that lives longer than this (exp - iat, or exp - now) is refused: a stolen one must not live for long. */
  maxLifetimeSeconds: number;
  /** How long fetching a platform's JWKS may take. */
  jwksTimeoutMs: number;
  /** How long a fetched JWKS is trusted before it is fetched again (an unknown `kid` refetches sooner). */
  jwksCacheSeconds: number;
  /** The largest JWKS body read (default 64 KiB, server/platform/fetch-jwks.ts). */
  maxJwksBytes?: number | undefined;
  clock?: (() => Date) | undefined;
}

export interface IdentityVerifier {
  verify(token: string): Promise<IdentityVerdict>;
}

/** The `aud` every platform identity must carry. */
export const IDENTITY_AUDIENCE = 'livedesk';
const MAX_IDENTITY_LENGTH = 4096;
const CLOCK_TOLERANCE_SECONDS = 30;
const PUBLIC_KEY_ALGORITHMS = ['RS256', 'ES256'];

const refuse = (code: IdentityErrorCode, message: string): IdentityVerdict => ({ ok: false, code, message });

/**
 * Checks a platform-signed viewer identity (jose): the platform (`iss`) must have an active key that verifies
 * it, an HS256 secret or a key of its JWKS (RS256/ES256), chosen by the header's `kid` when it names one.
 * Only then are its claims read; the algorithm is pinned by the key's kind, never taken from the token alone.
 */
export function createIdentityVerifier(options: IdentityVerifierOptions): IdentityVerifier {
  const clock = options.clock ?? (() => new Date());
  const keySets = new Map<string, JWTVerifyGetKey>();
  const fetchJwks = createJwksFetch({ maxBytes: options.maxJwksBytes });
  const keySetOf = (url: string): JWTVerifyGetKey => {
    let set = keySets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), {
        timeoutDuration: options.jwksTimeoutMs,
        cacheMaxAge: options.jwksCacheSeconds * 1000,
        cooldownDuration: Math.min(30_000, options.jwksCacheSeconds * 1000),
        [customFetch]: fetchJwks,
      });
      keySets.set(url, set);
    }
    return set;
  };

  const attempt = async (token: string, key: PlatformSigningKey, now: Date) => {
    const verifyOptions = {
      issuer: key.platformId,
      audience: IDENTITY_AUDIENCE,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp', 'iss', 'aud'],
    };
    if (key.kind === 'hs256')
      return jwtVerify(token, Buffer.from(key.secret, 'base64url'), {
        ...verifyOptions,
        algorithms: ['HS256'],
      });
    return jwtVerify(token, keySetOf(key.jwksUrl), { ...verifyOptions, algorithms: PUBLIC_KEY_ALGORITHMS });
  };

  return {
    async verify(token) {
      if (token.length > MAX_IDENTITY_LENGTH)
        return refuse('identity_invalid', `the identity is longer than ${MAX_IDENTITY_LENGTH} characters`);
      let header: ReturnType<typeof decodeProtectedHeader>;
      let issuer: unknown;
      try {
        header = decodeProtectedHeader(token);
        issuer = decodeJwt(token).iss;
      } catch {
        return refuse('identity_invalid', 'the identity is not a signed JWT');
      }
      if (typeof issuer !== 'string')
        return refuse('identity_invalid', 'the identity names no platform (iss)');
      const alg = header.alg ?? '';
      const kind = alg === 'HS256' ? 'hs256' : PUBLIC_KEY_ALGORITHMS.includes(alg) ? 'jwks' : undefined;
      if (!kind) return refuse('identity_invalid', `algorithm ${alg || 'none'} is not accepted`);
      const active = (await options.keys.listSigningKeys()).filter(
        (key) => key.platformId === issuer && key.revokedAt === null,
      );
      if (active.length === 0)
        return refuse('identity_unknown_key', `platform ${issuer} has no active signing key`);
      // An HS256 key's id is its kid; a JWKS picks its own key by kid.
      const candidates = active.filter(
        (key) => key.kind === kind && (kind === 'jwks' || header.kid === undefined || key.id === header.kid),
      );
      if (candidates.length === 0)
        return refuse(
          'identity_unknown_key',
          `no active ${alg} key of platform ${issuer} matches the identity's kid`,
        );

      const now = clock();
      let failure: IdentityVerdict = refuse('identity_unknown_key', 'no key of the platform matches the kid');
      for (const key of candidates) {
        let claims: unknown;
        try {
          ({ payload: claims } = await attempt(token, key, now));
        } catch (error) {
          const verdict = verdictOf(error);
          if (verdict.code === 'identity_unknown_key') {
            if (failure.ok === false && failure.code === 'identity_unknown_key') failure = verdict;
            continue;
          }
          // A valid signature with bad claims (expired, wrong audience) is final; a bad one may fit the next key.
          if (
            verdict.code !== 'identity_invalid' ||
            !(error instanceof errors.JWSSignatureVerificationFailed)
          )
            return verdict;
          failure = verdict;
          continue;
        }
        const parsed = IdentityClaimsSchema.safeParse(claims);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return refuse(
            'identity_invalid',
            `claim ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
          );
        }
        const tooLong = lifetimeRefusal(parsed.data, now, options.maxLifetimeSeconds);
        if (tooLong) return tooLong;
        return { ok: true, identity: identityFromClaims(parsed.data), keyId: key.id };
      }
      return failure;
    },
  };
}

/**
 * An identity must not live longer than `maxSeconds`: from `iat` to `exp` as the platform signed it (a token
 * minted for a year and replayed near its end is still a year-long token), and from now to `exp` too (an
 * `iat` set ahead must not stretch it). Without `iat`, from now.
 */
function lifetimeRefusal(
  claims: { exp: number; iat?: number | undefined },
  now: Date,
  maxSeconds: number,
): IdentityVerdict | undefined {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const lifetime = Math.max(claims.exp - (claims.iat ?? nowSeconds), claims.exp - nowSeconds);
  if (lifetime <= maxSeconds + CLOCK_TOLERANCE_SECONDS) return undefined;
  return refuse(
    'identity_invalid',
    `the identity lives ${lifetime} s (exp - ${claims.iat === undefined ? 'now' : 'iat'}), longer than the ${maxSeconds} s allowed (LIVEDESK_IDENTITY_MAX_LIFETIME_SECONDS)`,
  );
}

/** jose's errors, as the three codes the viewer session answers with. */
function verdictOf(error: unknown): Extract<IdentityVerdict, { ok: false }> {
  if (error instanceof errors.JWTExpired)
    return { ok: false, code: 'identity_expired', message: 'the identity has expired' };
  if (error instanceof errors.JWTClaimValidationFailed)
    return {
      ok: false,
      code: 'identity_invalid',
      message: `claim ${error.claim} is not acceptable: ${error.reason}`,
    };
  if (error instanceof errors.JWKSNoMatchingKey)
    return {
      ok: false,
      code: 'identity_unknown_key',
      message: "no key of the platform's JWKS matches the identity's kid",
    };
  if (error instanceof JwksFetchError || error instanceof AddressRefusedError)
    return {
      ok: false,
      code: 'identity_unknown_key',
      message: `the platform's JWKS could not be fetched: ${error.message}`,
    };
  if (error instanceof errors.JWKSTimeout)
    return { ok: false, code: 'identity_unknown_key', message: "the platform's JWKS did not answer in time" };
  if (error instanceof errors.JWKSInvalid)
    return { ok: false, code: 'identity_unknown_key', message: "the platform's JWKS could not be fetched" };
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return { ok: false, code: 'identity_invalid', message: 'the identity signature does not verify' };
  if (error instanceof errors.JOSEError)
    return { ok: false, code: 'identity_invalid', message: 'the identity could not be verified' };
  // A JWKS fetch that failed outright (connection refused) surfaces as a plain error.
  return { ok: false, code: 'identity_unknown_key', message: "the platform's JWKS could not be fetched" };
}
