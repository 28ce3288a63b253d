import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { DomainPackCatalog } from '../../knowledge/domain-packs/domain-pack-catalog.js';
import { DomainPackSchema, PackIdSchema, TermGroupSchema } from '../../knowledge/domain-packs/domain-pack.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff, type StaffEnv } from './require-role.js';

/** As the synonyms: agents read the vocabulary from the console, editors curate it. */
const READERS: readonly StaffRole[] = ['agent', 'editor'];
const EDITORS: readonly StaffRole[] = ['editor'];
const tag = 'knowledge';

const EffectiveGroupSchema = TermGroupSchema.and(
  z.object({ origin: z.enum(['shipped', 'edited', 'added']) }),
);
const PackListSchema = z.object({
  packs: z.array(
    DomainPackSchema.omit({ groups: true }).extend({
      active: z.boolean(),
      groups: z.array(EffectiveGroupSchema),
    }),
  ),
});
const VersionSchema = z.object({
  versionId: z.number().int(),
  packId: z.string(),
  groupId: z.string(),
  action: z.enum(['put', 'reset', 'revert']),
  actor: z.string(),
  at: z.string(),
  before: TermGroupSchema.nullable(),
  after: TermGroupSchema.nullable(),
});
const ChangeResponseSchema = z.object({ changed: z.boolean(), version: VersionSchema.nullable() });
const VersionsQuerySchema = z.object({
  packId: PackIdSchema.optional(),
  groupId: PackIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function actorOf(context: Context<StaffEnv>): string {
  const principal = context.get('principal');
  return principal.username ?? principal.userId;
}

function failure(context: Context, status: 400 | 404, error: string, message: string): Response {
  return context.json({ error, message }, status);
}

/** The domain packs in the admin: read them, edit or add a group, reset it, and undo any change. */
export function registerDomainPackRoutes(
  app: Hono,
  options: { knowledgeBase: KnowledgeBase; domainPacks: DomainPackCatalog; auth: Auth },
  registry: ApiRegistry,
): void {
  const { knowledgeBase, domainPacks } = options;
  const readers = requireStaff(options.auth, READERS);
  const editors = requireStaff(options.auth, EDITORS);
  const known = async (packId: string): Promise<boolean> =>
    (await domainPacks.packs()).some((pack) => pack.id === packId);
  /** A change to a loaded pack changes how every phrasing reads, as a synonym change does. */
  const reindex = async (packId: string): Promise<void> => {
    if (domainPacks.activeIds.includes(packId)) await knowledgeBase.rebuild();
  };

  app.get('/api/knowledge/domain-packs', readers, async (context) =>
    context.json({ packs: await domainPacks.packs() }),
  );
  registry.add({
    method: 'get',
    path: '/api/knowledge/domain-packs',
    summary: 'Every shipped domain pack with the edits applied, and whether it is loaded',
    tag,
    auth: READERS,
    responses: { 200: { description: 'The packs', schema: PackListSchema } },
  });

  app.put('/api/knowledge/domain-packs/:packId/groups/:groupId', editors, async (context) => {
    const { packId, groupId } = context.req.param();
    if (!(await known(packId))) return failure(context, 404, 'not_found', 'no such domain pack');
    const body = await readJsonBody(context, TermGroupSchema);
    if (!body.ok) return body.response;
    if (body.value.id !== groupId)
      return failure(context, 400, 'invalid_input', 'the group id in the body must match the URL');
    const version = await domainPacks.overrides.put({ packId, group: body.value }, actorOf(context));
    if (version) await reindex(packId);
    return context.json({ changed: version !== undefined, version: version ?? null });
  });
  registry.add({
    method: 'put',
    path: '/api/knowledge/domain-packs/:packId/groups/:groupId',
    summary: "Edit, disable or add a term group (stored as this knowledge base's override, versioned)",
    tag,
    auth: EDITORS,
    body: TermGroupSchema,
    responses: {
      200: { description: 'Stored, and the knowledge base re-indexed', schema: ChangeResponseSchema },
      404: { description: 'No such pack' },
    },
  });

  app.delete('/api/knowledge/domain-packs/:packId/groups/:groupId', editors, async (context) => {
    const { packId, groupId } = context.req.param();
    if (!(await known(packId))) return failure(context, 404, 'not_found', 'no such domain pack');
    const version = await domainPacks.overrides.reset(packId, groupId, actorOf(context));
    if (version) await reindex(packId);
    return context.json({ changed: version !== undefined, version: version ?? null });
  });
  registry.add({
    method: 'delete',
    path: '/api/knowledge/domain-packs/:packId/groups/:groupId',
    summary: 'Drop the edit of a group: the shipped group applies again (an added group goes)',
    tag,
    auth: EDITORS,
    responses: {
      200: { description: 'Reset', schema: ChangeResponseSchema },
      404: { description: 'No such pack' },
    },
  });

  app.get('/api/knowledge/domain-packs/versions', readers, async (context) => {
    const query = VersionsQuerySchema.safeParse(context.req.query());
    if (!query.success) return failure(context, 400, 'invalid_input', 'bad query parameters');
    const { packId, groupId, limit } = query.data;
    return context.json({
      versions: await domainPacks.overrides.versions({
        limit,
        ...(packId ? { packId } : {}),
        ...(groupId ? { groupId } : {}),
      }),
    });
  });
  registry.add({
    method: 'get',
    path: '/api/knowledge/domain-packs/versions',
    summary: 'The history of domain pack edits, newest first',
    tag,
    auth: READERS,
    query: VersionsQuerySchema,
    responses: {
      200: { description: 'The versions', schema: z.object({ versions: z.array(VersionSchema) }) },
    },
  });

  app.post('/api/knowledge/domain-packs/versions/:versionId/revert', editors, async (context) => {
    const versionId = Number(context.req.param('versionId'));
    if (!Number.isSafeInteger(versionId) || versionId < 1)
      return failure(context, 404, 'not_found', 'no such version');
    const reverted = await domainPacks.overrides.revert(versionId, actorOf(context));
    if (!reverted.found) return failure(context, 404, 'not_found', 'no such version');
    if (reverted.version) await reindex(reverted.version.packId);
    return context.json({ changed: reverted.version !== undefined, version: reverted.version ?? null });
  });
  registry.add({
    method: 'post',
    path: '/api/knowledge/domain-packs/versions/:versionId/revert',
    summary: 'Undo one recorded change: the group returns to how it was before it',
    tag,
    auth: EDITORS,
    responses: {
      200: { description: 'Reverted', schema: ChangeResponseSchema },
      404: { description: 'No such version' },
    },
  });
}
