import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { LocaleSchema } from '../../knowledge/entry.js';
import { StaffRoleSchema } from './principal.js';
import { TOKEN_AUDIENCE, type TokenKey, type TokenKeyring } from './token-keys.js';

const TimesSchema = {
  /** Issued at, seconds since the epoch. */
  iat: z.number().int().nonnegative(),
  /** Expires at, seconds since the epoch. */
  exp: z.number().int().nonnegative(),
};

/**
 * The claims of a Livedesk JWT (HS256; `aud` and `kid` come from the key, see token-keys.ts). Staff tokens carry the account's token version (`ver`): any
 * change that must end the account's sessions bumps it, so older tokens stop verifying.
 */
export const TokenPayloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    sub: z.string().min(1),
    role: StaffRoleSchema,
    ver: z.number().int().min(1),
    ...TimesSchema,
  }),
  z.object({
    kind: z.literal('viewer'),
    sub: z.string().min(1),
    roomId: z.string().min(1),
    tier: z.enum(['regular', 'vip']),
    name: z.string().optional(),
    /** `name` is what the viewer chose, not a name the platform vouches for (anonymous sessions). */
    selfNamed: z.literal(true).optional(),
    locale: LocaleSchema.optional(),
    ...TimesSchema,
  }),
]);
export type TokenPayload = z.infer<typeof TokenPayloadSchema>;

/** The only algorithm accepted: pinned, so `alg: none` or a public-key algorithm can never be slipped in. */
const ALGORITHM = 'HS256';
const MAX_TOKEN_LENGTH = 4096;

/**
 * A compact JWS (`header.payload.signature`) signed with `key`, naming it in `kid` and the kind's audience in
 * `aud`; any JOSE library can read it. A payload of another kind than the key is a programming error.
 */
export function signToken(payload: TokenPayload, key: TokenKey): Promise<string> {
  if (payload.kind !== key.kind) throw new Error(`a ${key.kind} key cannot sign a ${payload.kind} token`);
  const { sub, iat, exp, ...claims } = payload;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: key.kid })
    .setAudience(TOKEN_AUDIENCE[key.kind])
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.key);
}

function keyOf(token: string, keyring: TokenKeyring): TokenKey | undefined {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? keyring.byKid(kid) : undefined;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
    throw error;
  }
}

/**
 * The payload of a token one of the keyring's keys signed, with that key, or undefined for anything else: no or unknown
 * `kid`, another algorithm, bad signature, an audience or `kind` other than its key's, malformed claims,
 * expired at `now`. Callers cannot tell these apart on purpose.
 */
export async function readSignedToken(
  token: string,
  keyring: TokenKeyring,
  now: Date,
): Promise<{ payload: TokenPayload; key: TokenKey } | undefined> {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const key = keyOf(token, keyring);
  if (!key) return undefined;
  let claims: unknown;
  try {
    ({ payload: claims } = await jwtVerify(token, key.key, {
      algorithms: [ALGORITHM],
      audience: TOKEN_AUDIENCE[key.kind],
      currentDate: now,
      requiredClaims: ['sub', 'iat', 'exp', 'aud'],
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
    throw error;
  }
  const payload = TokenPayloadSchema.safeParse(claims);
  // A viewer key signs viewer tokens only: a `kind: "staff"` claim under it is a forgery, not a staff token.
  return payload.success && payload.data.kind === key.kind ? { payload: payload.data, key } : undefined;
}
