import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import { ProposalListSchema } from '../analytics/analytics-schemas.js';
import type { LearningLoop } from '../analytics/learning-loop.js';
import {
  PhrasingProposalSchema,
  ProposalStatusSchema,
  type PhrasingProposalStore,
} from '../analytics/phrasing-proposals.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { requireStaff, type StaffEnv } from './require-role.js';

const EDITORS: readonly StaffRole[] = ['editor'];
const tag = 'knowledge';

const ProposalQuerySchema = z
  .object({
    status: ProposalStatusSchema.optional(),
    entryId: z.string().trim().min(1).max(128).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
const ProposalIdSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const ScanResultSchema = z.object({
  answers: z.number().int(),
  proposed: z.number().int(),
  upToEventId: z.number().int(),
});
const EntryVersionSchema = z
  .object({ versionId: z.number().int(), entryId: z.string(), action: z.string() })
  .loose();

function actorOf(context: Context<StaffEnv>): string {
  const principal = context.get('principal');
  return principal.username ?? principal.userId;
}

function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * The learning loop for content editors: phrasings proposed from agents' knowledge answers, approved
 * (the phrasing is added to the entry, a new version by the editor) or rejected (kept, never proposed again).
 */
export function registerPhrasingProposalRoutes(
  app: Hono,
  options: { proposals: PhrasingProposalStore; loop: LearningLoop; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const editors = requireStaff(options.auth, EDITORS);
  const readId = (context: Context) => ProposalIdSchema.safeParse(context.req.param('id'));

  app.get('/api/knowledge/proposals', editors, async (context) => {
    const query = ProposalQuerySchema.safeParse(context.req.query());
    if (!query.success)
      return context.json(
        { error: 'invalid_input', message: 'bad query parameters', issues: issuesOf(query.error) },
        400,
      );
    const { limit, offset } = query.data;
    return context.json({ ...(await options.proposals.list(query.data)), limit, offset });
  });
  registry.add({
    method: 'get',
    path: '/api/knowledge/proposals',
    summary: 'Proposed phrasings from the learning loop, most often seen first',
    tag,
    auth: EDITORS,
    query: ProposalQuerySchema,
    responses: { 200: { description: 'A page of proposals', schema: ProposalListSchema } },
  });

  app.post('/api/knowledge/proposals/scan', editors, async (context) =>
    context.json(await options.loop.scan({ signal: context.req.raw.signal })),
  );
  registry.add({
    method: 'post',
    path: '/api/knowledge/proposals/scan',
    summary:
      'Look for new proposals in the conversations stored since the last scan (also runs periodically)',
    tag,
    auth: EDITORS,
    responses: { 200: { description: 'What the scan read and proposed', schema: ScanResultSchema } },
  });

  app.post('/api/knowledge/proposals/:id/approve', editors, async (context) => {
    const id = readId(context);
    if (!id.success)
      return context.json({ error: 'invalid_input', message: 'the id must be a positive integer' }, 400);
    const approved = await options.loop.approve(id.data, actorOf(context));
    return context.json(approved);
  });
  registry.add({
    method: 'post',
    path: '/api/knowledge/proposals/:id/approve',
    summary: 'Add the proposed phrasing to its entry (a new entry version by the editor)',
    tag,
    auth: EDITORS,
    responses: {
      200: {
        description: 'Approved; `version` is null when the entry already had the phrasing',
        schema: z.object({ proposal: PhrasingProposalSchema, version: EntryVersionSchema.nullable() }),
      },
      404: { description: 'No such proposal' },
      409: { description: 'Already decided, or the entry no longer exists' },
    },
  });

  app.post('/api/knowledge/proposals/:id/reject', editors, async (context) => {
    const id = readId(context);
    if (!id.success)
      return context.json({ error: 'invalid_input', message: 'the id must be a positive integer' }, 400);
    return context.json({ proposal: await options.loop.reject(id.data, actorOf(context)) });
  });
  registry.add({
    method: 'post',
    path: '/api/knowledge/proposals/:id/reject',
    summary: 'Reject the proposed phrasing; it is kept and never proposed again',
    tag,
    auth: EDITORS,
    responses: {
      200: { description: 'Rejected', schema: z.object({ proposal: PhrasingProposalSchema }) },
      404: { description: 'No such proposal' },
      409: { description: 'Already decided' },
    },
  });
}
