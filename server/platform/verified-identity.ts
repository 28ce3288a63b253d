import { z } from 'zod';
import { LocaleSchema } from '../../knowledge/entry.js';
import { PlatformIdSchema } from './platform-key-store.js';

const AttributeKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'attribute names: 1-32 letters, digits, _');
const AttributeValueSchema = z.union([z.string().max(64), z.number().finite(), z.boolean()]);

/** At most this many attributes: the whole identity rides in every viewer token, whose size is bounded. */
export const MAX_IDENTITY_ATTRIBUTES = 12;

/** Facts the platform vouches for beyond the name and tier (total spend, account age), small and flat. */
export const IdentityAttributesSchema = z
  .record(AttributeKeySchema, AttributeValueSchema)
  .refine((attributes) => Object.keys(attributes).length <= MAX_IDENTITY_ATTRIBUTES, {
    message: `at most ${MAX_IDENTITY_ATTRIBUTES} attributes`,
  });

/** Viewer ids are stored where ids are at most this long (tickets, history). */
const MAX_VIEWER_ID_LENGTH = 128;

/**
 * The claims of a platform-signed viewer identity, past its signature, issuer, audience and expiry checks.
 * `tier` and `vip_level` both say VIP: either is enough.
 */
export const IdentityClaimsSchema = z
  .object({
    iss: PlatformIdSchema,
    sub: z.string().min(1).max(128),
    exp: z.number().int(),
    iat: z.number().int().optional(),
    name: z.string().trim().min(1).max(64).optional(),
    tier: z.enum(['regular', 'vip']).optional(),
    vip_level: z.number().int().min(0).max(1000).optional(),
    locale: LocaleSchema.optional(),
    attributes: IdentityAttributesSchema.optional(),
  })
  .refine((claims) => platformViewerId(claims.iss, claims.sub).length <= MAX_VIEWER_ID_LENGTH, {
    message: `sub too long: "pu:<iss>:<sub>" must fit ${MAX_VIEWER_ID_LENGTH} characters`,
    path: ['sub'],
  });
export type IdentityClaims = z.infer<typeof IdentityClaimsSchema>;

/** The `verified` part of a viewer principal and profile (see engine/conversation/transcript.ts). */
export const VerifiedViewerSchema = z.object({
  platformId: PlatformIdSchema,
  userId: z.string().min(1).max(128),
  vipLevel: z.number().int().min(0).max(1000).optional(),
  attributes: IdentityAttributesSchema.optional(),
});
/** As the contract spells it (no explicit `undefined`), so it fits principals and conversation profiles. */
export interface VerifiedViewer {
  platformId: string;
  userId: string;
  vipLevel?: number;
  attributes?: Record<string, string | number | boolean>;
}

/** A parsed `verified` value without the keys zod leaves as undefined. */
export function toVerifiedViewer(parsed: z.infer<typeof VerifiedViewerSchema>): VerifiedViewer {
  return {
    platformId: parsed.platformId,
    userId: parsed.userId,
    ...(parsed.vipLevel === undefined ? {} : { vipLevel: parsed.vipLevel }),
    ...(parsed.attributes === undefined ? {} : { attributes: parsed.attributes }),
  };
}

/** A verified identity, as the viewer session turns it into a viewer token. */
export interface VerifiedIdentity {
  verified: VerifiedViewer;
  tier: 'regular' | 'vip';
  displayName?: string | undefined;
  locale?: string | undefined;
}

/** The viewer id of a platform user: the same on every device and in every room, so history follows them. */
export function platformViewerId(platformId: string, userId: string): string {
  return `${PLATFORM_VIEWER_PREFIX}${platformId}:${userId}`;
}

const PLATFORM_VIEWER_PREFIX = 'pu:';

/** Whether a viewer id names a platform-verified user (only this server's own key may sign such a token). */
export function isPlatformViewerId(viewerId: string): boolean {
  return viewerId.startsWith(PLATFORM_VIEWER_PREFIX);
}

export function identityFromClaims(claims: IdentityClaims): VerifiedIdentity {
  const vip = claims.tier === 'vip' || (claims.vip_level !== undefined && claims.vip_level > 0);
  return {
    verified: {
      platformId: claims.iss,
      userId: claims.sub,
      ...(claims.vip_level === undefined ? {} : { vipLevel: claims.vip_level }),
      ...(claims.attributes === undefined ? {} : { attributes: claims.attributes }),
    },
    tier: vip ? 'vip' : 'regular',
    ...(claims.name === undefined ? {} : { displayName: claims.name }),
    ...(claims.locale === undefined ? {} : { locale: claims.locale }),
  };
}
