import { z } from 'zod';
import {
  PlatformApiKeySchema,
  PlatformSigningKeySchema,
  type PlatformApiKey,
  type PlatformSigningKey,
} from '../../server/platform/platform-key-store.js';

/** A platform_signing_keys row, as both stores return it. */
export const SigningKeyRowSchema = z.object({
  key_id: z.string(),
  platform_id: z.string(),
  kind: z.string(),
  secret: z.string().nullable(),
  jwks_url: z.string().nullable(),
  created_at: z.string(),
  created_by: z.string(),
  revoked_at: z.string().nullable(),
});

/** A platform_api_keys row. */
export const ApiKeyRowSchema = z.object({
  key_id: z.string(),
  platform_id: z.string(),
  label: z.string(),
  secret_hash: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  revoked_at: z.string().nullable(),
});

/** A row that does not parse is corrupted storage: an error, never a key that verifies wrongly. */
export function signingKeyFromRow(row: unknown): PlatformSigningKey {
  const parsed = SigningKeyRowSchema.parse(row);
  return PlatformSigningKeySchema.parse({
    id: parsed.key_id,
    platformId: parsed.platform_id,
    kind: parsed.kind,
    ...(parsed.kind === 'hs256' ? { secret: parsed.secret } : { jwksUrl: parsed.jwks_url }),
    createdAt: parsed.created_at,
    createdBy: parsed.created_by,
    revokedAt: parsed.revoked_at,
  });
}

/** Column values in SigningKeyRowSchema's order. */
export function signingKeyRowValues(key: PlatformSigningKey): (string | null)[] {
  const parsed = PlatformSigningKeySchema.parse(key);
  return [
    parsed.id,
    parsed.platformId,
    parsed.kind,
    parsed.kind === 'hs256' ? parsed.secret : null,
    parsed.kind === 'jwks' ? parsed.jwksUrl : null,
    parsed.createdAt,
    parsed.createdBy,
    parsed.revokedAt,
  ];
}

export function apiKeyFromRow(row: unknown): PlatformApiKey {
  const parsed = ApiKeyRowSchema.parse(row);
  return PlatformApiKeySchema.parse({
    id: parsed.key_id,
    platformId: parsed.platform_id,
    label: parsed.label,
    secretHash: parsed.secret_hash,
    prefix: parsed.prefix,
    createdAt: parsed.created_at,
    createdBy: parsed.created_by,
    revokedAt: parsed.revoked_at,
  });
}

/** Column values in ApiKeyRowSchema's order. */
export function apiKeyRowValues(key: PlatformApiKey): (string | null)[] {
  const parsed = PlatformApiKeySchema.parse(key);
  return [
    parsed.id,
    parsed.platformId,
    parsed.label,
    parsed.secretHash,
    parsed.prefix,
    parsed.createdAt,
    parsed.createdBy,
    parsed.revokedAt,
  ];
}

export const SIGNING_KEY_COLUMNS =
  'key_id, platform_id, kind, secret, jwks_url, created_at, created_by, revoked_at';
export const API_KEY_COLUMNS =
  'key_id, platform_id, label, secret_hash, prefix, created_at, created_by, revoked_at';
