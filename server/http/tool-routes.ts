import type { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import { CommercePanelSchema, type CommercePanel } from '../tools/commerce-panel.js';
import type { ToolCatalog } from '../tools/tool-catalog.js';
import { toolWaves } from '../tools/fill-answer.js';
import type { ToolFields, ToolRunner } from '../tools/tool-call.js';
import { ToolDefinitionSchema, ToolNameSchema } from '../tools/tool-definition.js';
import { refuseUnreachableConversation, type ConversationAccess } from './conversation-access-guard.js';
import { invalidInput, readParam } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

/** Tools reach out of the server: only admins declare them; editors read them to write template answers. */
const WRITERS: readonly StaffRole[] = ['admin'];
const READERS: readonly StaffRole[] = ['editor'];
const PANEL_READERS: readonly StaffRole[] = ['agent'];
const tag = 'tools';

const CatalogToolSchema = z.object({
  definition: ToolDefinitionSchema,
  source: z.enum(['file', 'admin']),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
const ToolResponseSchema = z.object({ tool: CatalogToolSchema });

/** What an admin may try a tool with: stand-ins for the verified identity and the live context. */
const TryToolSchema = z.object({
  userId: z.string().trim().min(1).max(128).optional(),
  platformId: z.string().trim().min(1).max(128).default('admin-try'),
  attributes: z
    .record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()]))
    .optional(),
  productInView: z.string().trim().min(1).max(256).optional(),
  roomId: z.string().trim().min(1).max(128).optional(),
});
const TryResultSchema = z.object({
  results: z.array(
    z.union([
      z.object({
        tool: z.string(),
        ok: z.literal(true),
        fields: z.record(z.string(), z.unknown()),
        elapsedMs: z.number(),
      }),
      z.object({
        tool: z.string(),
        ok: z.literal(false),
        code: z.string(),
        message: z.string(),
        elapsedMs: z.number(),
      }),
    ]),
  ),
});

export interface ToolRouteOptions {
  catalog: ToolCatalog;
  runner: ToolRunner;
  /** The console's commerce panel for one conversation; undefined for an unknown conversation. */
  panel: (conversationId: string, signal: AbortSignal) => Promise<CommercePanel | undefined>;
  access: ConversationAccess;
  auth: Pick<Auth, 'verify'>;
}

/** Commerce tools in the admin (list, save, remove, try) and the console's commerce panel. */
export function registerToolRoutes(app: Hono, options: ToolRouteOptions, registry: ApiRegistry): void {
  const { catalog } = options;
  const writers = requireStaff(options.auth, WRITERS);
  const readers = requireStaff(options.auth, READERS);
  const panelReaders = requireStaff(options.auth, PANEL_READERS);

  app.get('/api/tools', readers, (context) => context.json({ tools: catalog.list() }));
  registry.add({
    method: 'get',
    path: '/api/tools',
    summary:
      'Every commerce tool: those of LIVEDESK_TOOLS_FILE and the demo shop (source `file`, read-only) and those saved here',
    tag,
    auth: READERS,
    responses: { 200: { description: 'The tools', schema: z.object({ tools: z.array(CatalogToolSchema) }) } },
  });

  app.put('/api/tools/:name', writers, async (context) => {
    const name = readParam(context, 'name', ToolNameSchema);
    if (!name.ok) return name.response;
    const body = await readJsonBody(context, z.record(z.string(), z.unknown()));
    if (!body.ok) return body.response;
    if (body.value.name !== undefined && body.value.name !== name.value)
      return invalidInput(context, 'the body names another tool than the path');
    const principal = context.get('principal');
    const saved = await catalog.put(
      { ...body.value, name: name.value },
      principal.username ?? principal.userId,
    );
    if (!saved.ok) {
      const status = saved.code === 'conflict' ? 409 : saved.code === 'not_found' ? 404 : 400;
      const issues = Array.isArray(saved.issues)
        ? (saved.issues as { path: PropertyKey[]; message: string }[]).map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          }))
        : undefined;
      return context.json(
        { error: saved.code, message: saved.message, ...(issues ? { issues } : {}) },
        status,
      );
    }
    return context.json({ tool: saved.tool }, saved.created ? 201 : 200);
  });
  registry.add({
    method: 'put',
    path: '/api/tools/:name',
    summary:
      'Create or replace a commerce tool: method and URL template over the verified identity, live context and earlier tools, JSON body template, auth header from an environment variable, timeout, response size limit, host allow-list and response mapping. Validated before it is saved',
    tag,
    auth: WRITERS,
    body: ToolDefinitionSchema,
    responses: {
      200: { description: 'Replaced', schema: ToolResponseSchema },
      201: { description: 'Created', schema: ToolResponseSchema },
      400: { description: 'The definition does not validate (each problem named)' },
      409: { description: 'A tool of that name is declared in the tools file' },
    },
  });

  app.delete('/api/tools/:name', writers, async (context) => {
    const name = readParam(context, 'name', ToolNameSchema);
    if (!name.ok) return name.response;
    const removed = await catalog.remove(name.value);
    if (!removed.ok)
      return context.json(
        { error: removed.code, message: removed.message },
        removed.code === 'conflict' ? 409 : 404,
      );
    return context.body(null, 204);
  });
  registry.add({
    method: 'delete',
    path: '/api/tools/:name',
    summary: 'Remove a commerce tool saved in the admin (tools of the tools file stay)',
    tag,
    auth: WRITERS,
    responses: {
      204: { description: 'Removed' },
      404: { description: 'No such saved tool' },
      409: { description: 'The tool is declared in the tools file' },
    },
  });

  app.post('/api/tools/:name/try', writers, async (context) => {
    const name = readParam(context, 'name', ToolNameSchema);
    if (!name.ok) return name.response;
    const body = await readJsonBody(context, TryToolSchema);
    if (!body.ok) return body.response;
    if (!catalog.current().has(name.value))
      return context.json({ error: 'not_found', message: `no tool ${name.value}` }, 404);
    const { userId, platformId, attributes, productInView, roomId } = body.value;
    const plan = toolWaves([name.value], catalog.current());
    if (!plan.ok) return invalidInput(context, `${plan.reason}: ${plan.tool}`);
    const results: z.infer<typeof TryResultSchema>['results'] = [];
    const fields = new Map<string, ToolFields>();
    const signal = context.req.raw.signal;
    for (const wave of plan.waves) {
      for (const tool of wave) {
        const outcome = await options.runner.run(
          tool.name,
          {
            conversationId: 'admin-try',
            verified: userId ? { platformId, userId, ...(attributes ? { attributes } : {}) } : undefined,
            liveContext: { ...(productInView ? { productInView } : {}), ...(roomId ? { roomId } : {}) },
            results: fields,
          },
          signal,
        );
        results.push(outcome);
        if (outcome.ok) fields.set(outcome.tool, outcome.fields);
      }
      if (results.some((result) => !result.ok)) break;
    }
    return context.json({ results });
  });
  registry.add({
    method: 'post',
    path: '/api/tools/:name/try',
    summary:
      "Run a tool (and the tools it reads from) with stand-in arguments: a user id and attributes for the verified identity, a product in view and a room. Shows each call's mapped fields or its failure",
    tag,
    auth: WRITERS,
    body: TryToolSchema,
    responses: {
      200: { description: 'Each call, in order', schema: TryResultSchema },
      404: { description: 'No such tool' },
    },
  });

  app.get('/api/conversations/:id/commerce', panelReaders, async (context) => {
    const id = context.req.param('id');
    const refused = await refuseUnreachableConversation(context, options.access, id);
    if (refused) return refused;
    const panel = await options.panel(id, context.req.raw.signal);
    if (!panel) return context.json({ error: 'not_found', message: `no conversation ${id}` }, 404);
    return context.json(panel);
  });
  registry.add({
    method: 'get',
    path: '/api/conversations/:id/commerce',
    summary:
      "The console's commerce panel: the verified viewer's recent orders, the latest order's shipment and events, the product in view with its stock (tools named orders, shipment, product). Agents reach the conversations they hold or held",
    tag,
    auth: PANEL_READERS,
    responses: {
      200: {
        description: 'The panel; each part ok, unavailable (with the failure code) or not configured',
        schema: CommercePanelSchema,
      },
      403: { description: 'An agent who does not reach this conversation' },
      404: { description: 'No such conversation' },
    },
  });
}
