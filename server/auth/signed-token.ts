import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { LocaleSchema } from '../../knowledge/entry.js';
import { StaffRoleSchema } from './principal.js';

const TimesSchema = {
  /** Issued at, seconds since the epoch. */
  iat: z.number().int().nonnegative(),
  /** Expires at, seconds since the epoch. */
  exp: z.number().int().nonnegative(),
};

export const TokenPayloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), sub: z.string().min(1), role: StaffRoleSchema, ...TimesSchema }),
  z.object({
    kind: z.literal('viewer'),
    sub: z.string().min(1),
    roomId: z.string().min(1),
    tier: z.enum(['regular', 'vip']),
    name: z.string().optional(),
    locale: LocaleSchema.optional(),
    ...TimesSchema,
  }),
]);
export type TokenPayload = z.infer<typeof TokenPayloadSchema>;

const VERSION = 'v1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function sign(secret: Buffer, signedPart: string): Buffer {
  return createHmac('sha256', secret).update(signedPart).digest();
}

/** `v1.<base64url JSON payload>.<base64url HMAC-SHA256 of "v1.<payload>">`. */
export function signToken(payload: TokenPayload, secret: Buffer): string {
  const signedPart = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signedPart}.${sign(secret, signedPart).toString('base64url')}`;
}

/**
 * The payload of a token this secret signed, or undefined for anything else: wrong version, bad
 * signature, malformed payload, expired at `nowSeconds`. Callers cannot tell these apart on purpose.
 */
export function readSignedToken(token: string, secret: Buffer, nowSeconds: number): TokenPayload | undefined {
  if (token.length > 4096) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [version, body, signature] = parts as [string, string, string];
  if (version !== VERSION || !BASE64URL.test(body) || !BASE64URL.test(signature)) return undefined;
  const expected = sign(secret, `${version}.${body}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const payload = TokenPayloadSchema.safeParse(raw);
  if (!payload.success || payload.data.exp <= nowSeconds) return undefined;
  return payload.data;
}
