import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  MAX_ACTIVE_SIGNING_KEYS,
  PlatformIdSchema,
  type PlatformApiKey,
  type PlatformKeyStore,
  type PlatformSigningKey,
} from './platform-key-store.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTPS, or plain HTTP to this machine (a platform's key service beside Livedesk, tests). */
const JwksUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  // zod runs refinements even after the URL check failed: an unparsable value must not throw here.
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
  }, 'the JWKS URL must be https (plain http only on loopback)');

export const NewSigningKeySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hs256'), platformId: PlatformIdSchema }),
  z.strictObject({ kind: z.literal('jwks'), platformId: PlatformIdSchema, jwksUrl: JwksUrlSchema }),
]);
export type NewSigningKey = z.infer<typeof NewSigningKeySchema>;

export const NewApiKeySchema = z.strictObject({
  platformId: PlatformIdSchema,
  label: z.string().trim().max(100).default(''),
});
export type NewApiKey = z.input<typeof NewApiKeySchema>;

/** A signing key as the admin lists it: never its secret. */
export const SigningKeyViewSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  kind: z.enum(['hs256', 'jwks']),
  jwksUrl: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
});
export type SigningKeyView = z.infer<typeof SigningKeyViewSchema>;

/** An API key as the admin lists it: never its hash. */
export const ApiKeyViewSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  label: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

export interface PlatformKeys {
  list(): Promise<{ signingKeys: SigningKeyView[]; apiKeys: ApiKeyView[] }>;
  /** The new key, and for HS256 its secret (base64url): the only time anyone sees it. */
  createSigningKey(
    request: NewSigningKey,
    createdBy: string,
  ): Promise<{ key: SigningKeyView; secret?: string }>;
  revokeSigningKey(id: string): Promise<SigningKeyView | undefined>;
  /** The new key and its bearer secret: the only time anyone sees it. */
  createApiKey(request: NewApiKey, createdBy: string): Promise<{ key: ApiKeyView; secret: string }>;
  revokeApiKey(id: string): Promise<ApiKeyView | undefined>;
  /** The active key this bearer secret belongs to. */
  authenticate(secret: string): Promise<PlatformApiKey | undefined>;
}

const API_KEY_PREFIX = 'ldp_';

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function signingKeyView(key: PlatformSigningKey): SigningKeyView {
  return {
    id: key.id,
    platformId: key.platformId,
    kind: key.kind,
    ...(key.kind === 'jwks' ? { jwksUrl: key.jwksUrl } : {}),
    createdAt: key.createdAt,
    createdBy: key.createdBy,
    revokedAt: key.revokedAt,
  };
}

export function apiKeyView(key: PlatformApiKey): ApiKeyView {
  const { secretHash: _secretHash, ...view } = key;
  return view;
}

/**
 * Platform keys as the admin manages them: secrets are generated here (32 random bytes) and returned once;
 * API keys are kept as their SHA-256 only (a high-entropy secret needs no slow hash).
 */
export function createPlatformKeys(options: {
  store: PlatformKeyStore;
  clock?: (() => Date) | undefined;
  newId?: (() => string) | undefined;
  /** A signing key was revoked here: caches of key states drop what they hold. */
  onSigningKeyRevoked?: ((key: PlatformSigningKey) => void) | undefined;
}): PlatformKeys {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID().replaceAll('-', '').slice(0, 16));
  return {
    async list() {
      const [signing, api] = await Promise.all([store.listSigningKeys(), store.listApiKeys()]);
      return { signingKeys: signing.map(signingKeyView), apiKeys: api.map(apiKeyView) };
    },
    async createSigningKey(request, createdBy) {
      const common = {
        id: `pk_${newId()}`,
        platformId: request.platformId,
        createdAt: clock().toISOString(),
        createdBy,
        revokedAt: null,
      };
      const secret = request.kind === 'hs256' ? randomBytes(32).toString('base64url') : undefined;
      const key: PlatformSigningKey =
        request.kind === 'hs256'
          ? { ...common, kind: 'hs256', secret: secret! }
          : { ...common, kind: 'jwks', jwksUrl: request.jwksUrl };
      if ((await store.addSigningKey(key)) === 'limit')
        throw new LivedeskError(
          'conflict',
          `platform ${request.platformId} already has ${MAX_ACTIVE_SIGNING_KEYS} active signing keys; revoke one first`,
        );
      return { key: signingKeyView(key), ...(secret === undefined ? {} : { secret }) };
    },
    async revokeSigningKey(id) {
      const key = await store.revokeSigningKey(id, clock().toISOString());
      if (key) options.onSigningKeyRevoked?.(key);
      return key && signingKeyView(key);
    },
    async createApiKey(request, createdBy) {
      const parsed = NewApiKeySchema.parse(request);
      const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const key: PlatformApiKey = {
        id: `pak_${newId()}`,
        platformId: parsed.platformId,
        label: parsed.label,
        secretHash: hashApiKeySecret(secret),
        prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
        createdAt: clock().toISOString(),
        createdBy,
        revokedAt: null,
      };
      await store.addApiKey(key);
      return { key: apiKeyView(key), secret };
    },
    async revokeApiKey(id) {
      const key = await store.revokeApiKey(id, clock().toISOString());
      return key && apiKeyView(key);
    },
    authenticate(secret) {
      if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) return Promise.resolve(undefined);
      return store.findActiveApiKey(hashApiKeySecret(secret));
    },
  };
}
