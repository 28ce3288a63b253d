import type { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import {
  ApiKeyViewSchema,
  NewApiKeySchema,
  NewSigningKeySchema,
  SigningKeyViewSchema,
  type PlatformKeys,
} from '../platform/platform-keys.js';
import { noteForAudit } from './audit-trail.js';
import { readParam } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

const ADMINS: readonly StaffRole[] = ['admin'];
const tag = 'platform';
const KeyIdSchema = z.string().trim().min(1).max(64);

const KeyListSchema = z.object({
  signingKeys: z.array(SigningKeyViewSchema),
  apiKeys: z.array(ApiKeyViewSchema),
});
const CreatedSigningKeySchema = z.object({
  key: SigningKeyViewSchema,
  /** HS256 only: the shared secret (base64url of 32 bytes), shown this once. */
  secret: z.string().optional(),
});
const CreatedApiKeySchema = z.object({
  key: ApiKeyViewSchema,
  /** The bearer secret, shown this once; Livedesk keeps only its hash. */
  secret: z.string(),
});
const notFound = { 404: { description: 'No such key' } };

/** Platform signing keys (viewer identity) and platform API keys (inbound API): admins only, secrets shown once. */
export function registerPlatformKeyRoutes(
  app: Hono,
  options: { keys: PlatformKeys; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { keys } = options;
  const admins = requireStaff(options.auth, ADMINS);

  app.get('/api/platform-keys', admins, async (context) => context.json(await keys.list()));
  registry.add({
    method: 'get',
    path: '/api/platform-keys',
    summary: 'Every platform signing key and API key, revoked ones too; never a secret',
    tag,
    auth: ADMINS,
    responses: { 200: { description: 'The keys', schema: KeyListSchema } },
  });

  app.post('/api/platform-keys/signing-keys', admins, async (context) => {
    const body = await readJsonBody(context, NewSigningKeySchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    const created = await keys.createSigningKey(body.value, principal.username ?? principal.userId);
    noteForAudit(context, {
      keyId: created.key.id,
      platformId: created.key.platformId,
      kind: created.key.kind,
    });
    return context.json(created, 201);
  });
  registry.add({
    method: 'post',
    path: '/api/platform-keys/signing-keys',
    summary:
      'A signing key for viewer identities: `hs256` (Livedesk generates the secret and shows it once) or `jwks` (the platform publishes RS256/ES256 keys at an https URL); at most two active per platform',
    tag,
    auth: ADMINS,
    body: NewSigningKeySchema,
    responses: {
      201: {
        description: 'Created; an HS256 secret is in `secret`, this once',
        schema: CreatedSigningKeySchema,
      },
      409: { description: 'The platform already has two active signing keys' },
    },
  });

  app.delete('/api/platform-keys/signing-keys/:id', admins, async (context) => {
    const id = readParam(context, 'id', KeyIdSchema);
    if (!id.ok) return id.response;
    const key = await keys.revokeSigningKey(id.value);
    if (!key) return context.json({ error: 'not_found', message: 'no such signing key' }, 404);
    noteForAudit(context, { platformId: key.platformId, kind: key.kind });
    return context.json({ key });
  });
  registry.add({
    method: 'delete',
    path: '/api/platform-keys/signing-keys/:id',
    summary: 'Revokes a signing key: identities it signed are refused from now on',
    tag,
    auth: ADMINS,
    responses: {
      200: { description: 'Revoked', schema: z.object({ key: SigningKeyViewSchema }) },
      ...notFound,
    },
  });

  app.post('/api/platform-keys/api-keys', admins, async (context) => {
    const body = await readJsonBody(context, NewApiKeySchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    const created = await keys.createApiKey(body.value, principal.username ?? principal.userId);
    noteForAudit(context, { keyId: created.key.id, platformId: created.key.platformId });
    return context.json(created, 201);
  });
  registry.add({
    method: 'post',
    path: '/api/platform-keys/api-keys',
    summary: 'A platform API key for the inbound platform API (/api/platform/...); the secret is shown once',
    tag,
    auth: ADMINS,
    body: NewApiKeySchema,
    responses: {
      201: { description: 'Created; the secret is in `secret`, this once', schema: CreatedApiKeySchema },
    },
  });

  app.delete('/api/platform-keys/api-keys/:id', admins, async (context) => {
    const id = readParam(context, 'id', KeyIdSchema);
    if (!id.ok) return id.response;
    const key = await keys.revokeApiKey(id.value);
    if (!key) return context.json({ error: 'not_found', message: 'no such API key' }, 404);
    noteForAudit(context, { platformId: key.platformId });
    return context.json({ key });
  });
  registry.add({
    method: 'delete',
    path: '/api/platform-keys/api-keys/:id',
    summary: 'Revokes a platform API key: calls with it are refused from now on',
    tag,
    auth: ADMINS,
    responses: { 200: { description: 'Revoked', schema: z.object({ key: ApiKeyViewSchema }) }, ...notFound },
  });
}
