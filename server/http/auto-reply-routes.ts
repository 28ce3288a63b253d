import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import {
  AutoReplyRuleIdSchema,
  AutoReplyRuleInputSchema,
  AutoReplyRuleSchema,
  type AutoReplyRule,
} from '../../engine/desk/auto-reply.js';
import type { AutoReplyRuleStore } from '../../engine/desk/auto-reply-rule-store.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import { readParam } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff, type StaffEnv } from './require-role.js';

/** Agents see which auto-replies their viewers get; supervisors and editors write the rules. */
const READERS: readonly StaffRole[] = ['agent', 'editor'];
const WRITERS: readonly StaffRole[] = ['supervisor', 'editor'];
const tag = 'auto-replies';

const RuleResponseSchema = z.object({ rule: AutoReplyRuleSchema });

export interface AutoReplyRouteOptions {
  rules: AutoReplyRuleStore;
  auth: Pick<Auth, 'verify'>;
  clock?: () => Date;
  newId?: () => string;
}

/** Keyword auto-reply rules: read for agents, CRUD for supervisors and editors. */
export function registerAutoReplyRoutes(
  app: Hono,
  options: AutoReplyRouteOptions,
  registry: ApiRegistry,
): void {
  const { rules } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? (() => `rule-${randomUUID()}`);
  const readers = requireStaff(options.auth, READERS);
  const writers = requireStaff(options.auth, WRITERS);

  async function save(context: Context<StaffEnv>, id: string, status: 200 | 201): Promise<Response> {
    const body = await readJsonBody(context, AutoReplyRuleInputSchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    const rule: AutoReplyRule = {
      ...body.value,
      id,
      updatedAt: clock().toISOString(),
      updatedBy: principal.username ?? principal.userId,
    };
    await rules.put(rule);
    return context.json({ rule }, status);
  }

  app.get('/api/auto-replies', readers, async (context) => context.json({ rules: await rules.list() }));
  registry.add({
    method: 'get',
    path: '/api/auto-replies',
    summary: 'Every auto-reply rule, in order (on a tie between matching rules, the earlier wins)',
    tag,
    auth: READERS,
    responses: {
      200: { description: 'The rules', schema: z.object({ rules: z.array(AutoReplyRuleSchema) }) },
    },
  });

  app.get('/api/auto-replies/:id', readers, async (context) => {
    const id = readParam(context, 'id', AutoReplyRuleIdSchema);
    if (!id.ok) return id.response;
    const rule = await rules.get(id.value);
    return rule ? context.json({ rule }) : context.json({ error: 'not_found', message: 'no such rule' }, 404);
  });
  registry.add({
    method: 'get',
    path: '/api/auto-replies/:id',
    summary: 'One auto-reply rule',
    tag,
    auth: READERS,
    responses: {
      200: { description: 'The rule', schema: RuleResponseSchema },
      404: { description: 'No such rule' },
    },
  });

  app.post('/api/auto-replies', writers, (context) => save(context, newId(), 201));
  registry.add({
    method: 'post',
    path: '/api/auto-replies',
    summary:
      'Create a keyword rule: it answers a viewer waiting for a person when no person replied within the quiet period, once per rule per conversation window',
    tag,
    auth: WRITERS,
    body: AutoReplyRuleInputSchema,
    responses: { 201: { description: 'Created', schema: RuleResponseSchema } },
  });

  app.put('/api/auto-replies/:id', writers, async (context) => {
    const id = readParam(context, 'id', AutoReplyRuleIdSchema);
    if (!id.ok) return id.response;
    return save(context, id.value, 200);
  });
  registry.add({
    method: 'put',
    path: '/api/auto-replies/:id',
    summary: 'Create or replace a rule (a replaced rule keeps its place in the order)',
    tag,
    auth: WRITERS,
    body: AutoReplyRuleInputSchema,
    responses: { 200: { description: 'Stored', schema: RuleResponseSchema } },
  });

  app.delete('/api/auto-replies/:id', writers, async (context) => {
    const id = readParam(context, 'id', AutoReplyRuleIdSchema);
    if (!id.ok) return id.response;
    return (await rules.remove(id.value))
      ? context.json({ removed: id.value })
      : context.json({ error: 'not_found', message: 'no such rule' }, 404);
  });
  registry.add({
    method: 'delete',
    path: '/api/auto-replies/:id',
    summary: 'Delete a rule',
    tag,
    auth: WRITERS,
    responses: {
      200: { description: 'Deleted', schema: z.object({ removed: z.string() }) },
      404: { description: 'No such rule' },
    },
  });
}
