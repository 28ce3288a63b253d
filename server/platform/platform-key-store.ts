import { z } from 'zod';

/** A platform's id as it signs identities (`iss`) and names its keys: lower-case words, digits, `-` and `_`. */
export const PlatformIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'platform id: 1-64 lower-case letters, digits, - or _');

/**
 * A key that signs viewer identities for one platform. `hs256`: a shared secret Livedesk generated (kept so it
 * can verify; never shown again after creation). `jwks`: the platform's public keys at a URL (RS256/ES256).
 */
export const PlatformSigningKeySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('hs256'),
    /** Also the JWT `kid` the platform puts in its tokens' header. */
    id: z.string().min(1).max(64),
    platformId: PlatformIdSchema,
    /** Base64url of 32 random bytes. */
    secret: z.string().min(43),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    revokedAt: z.iso.datetime().nullable(),
  }),
  z.object({
    kind: z.literal('jwks'),
    id: z.string().min(1).max(64),
    platformId: PlatformIdSchema,
    jwksUrl: z.url({ protocol: /^https?$/ }),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    revokedAt: z.iso.datetime().nullable(),
  }),
]);
export type PlatformSigningKey = z.infer<typeof PlatformSigningKeySchema>;

/** A bearer secret for the inbound platform API; only its SHA-256 is kept. */
export const PlatformApiKeySchema = z.object({
  id: z.string().min(1).max(64),
  platformId: PlatformIdSchema,
  label: z.string().max(100),
  /** Hex SHA-256 of the whole secret. */
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The secret's first characters, so an admin can tell keys apart. */
  prefix: z.string().max(32),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  revokedAt: z.iso.datetime().nullable(),
});
export type PlatformApiKey = z.infer<typeof PlatformApiKeySchema>;

/** At most this many signing keys per platform are active at once: the current one and the next (rotation). */
export const MAX_ACTIVE_SIGNING_KEYS = 2;

/**
 * Platform signing keys and platform API keys (issue 15). Keys are never deleted, only revoked, so the audit
 * trail can name them. `addSigningKey` checks the active-key limit and inserts in one step, so two admins
 * adding a key at once cannot end with three.
 */
export interface PlatformKeyStore {
  listSigningKeys(): Promise<PlatformSigningKey[]>;
  /** `limit`: the platform already has `MAX_ACTIVE_SIGNING_KEYS` active keys; nothing was stored. */
  addSigningKey(key: PlatformSigningKey): Promise<'added' | 'limit'>;
  /** The revoked key, or undefined when there is no such key; revoking twice keeps the first time. */
  revokeSigningKey(id: string, at: string): Promise<PlatformSigningKey | undefined>;
  listApiKeys(): Promise<PlatformApiKey[]>;
  addApiKey(key: PlatformApiKey): Promise<void>;
  revokeApiKey(id: string, at: string): Promise<PlatformApiKey | undefined>;
  /** The active (not revoked) key with this secret hash. */
  findActiveApiKey(secretHash: string): Promise<PlatformApiKey | undefined>;
}
