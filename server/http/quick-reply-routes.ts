import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import {
  QuickReplyFilterSchema,
  QuickReplyIdSchema,
  QuickReplyInputSchema,
  QuickReplySchema,
  renderQuickReply,
  UsedQuickReplySchema,
  type QuickReply,
} from '../../engine/desk/quick-reply.js';
import type { QuickReplyStore } from '../../engine/desk/quick-reply-store.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import { refuseUnreachableConversation, type ConversationAccess } from './conversation-access-guard.js';
import { readParam, readQuery } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff, type StaffEnv } from './require-role.js';

/** Agents (and supervisors) use quick replies; supervisors and editors write them. */
const READERS: readonly StaffRole[] = ['agent', 'editor'];
const WRITERS: readonly StaffRole[] = ['supervisor', 'editor'];
const tag = 'quick-replies';

export const RenderQuickReplyInputSchema = z
  .object({
    /** Fills the viewer's name, room, streamer, conversation and ticket from this stored conversation. */
    conversationId: z.string().trim().min(1).max(128).optional(),
    /** Values for the template's `{variables}`; they win over the conversation's and the default `agentName`. */
    variables: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/), z.union([z.string().max(500), z.number()]))
      .default({}),
  })
  .strict()
  .refine((input) => Object.keys(input.variables).length <= 32, 'at most 32 variables');
const RenderedSchema = z.object({
  text: z.string(),
  /** Variables without a value: they stay in `text` as `{name}` for the agent to fill in. */
  missing: z.array(z.string()),
  complete: z.boolean(),
});
const QuickReplyResponseSchema = z.object({ quickReply: QuickReplySchema });

export interface QuickReplyRouteOptions {
  quickReplies: QuickReplyStore;
  auth: Pick<Auth, 'verify'>;
  /** Who may fill a reply from a conversation: its values name the viewer (server/desk/conversation-access.ts). */
  access: ConversationAccess;
  /** Quick-reply variables of a stored conversation (DeskContent.conversationValues). */
  conversationValues: (conversationId: string) => Promise<Partial<Record<string, string>> | undefined>;
  clock?: () => Date;
  newId?: () => string;
}

/** Canned responses with variables: list and render for agents, CRUD for supervisors and editors. */
export function registerQuickReplyRoutes(
  app: Hono,
  options: QuickReplyRouteOptions,
  registry: ApiRegistry,
): void {
  const { quickReplies } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? (() => `qr-${randomUUID()}`);
  const readers = requireStaff(options.auth, READERS);
  const writers = requireStaff(options.auth, WRITERS);

  /** Stores a reply; a shortcut already used in the same locale and team is a 409 that says so. */
  async function save(context: Context<StaffEnv>, id: string, status: 200 | 201): Promise<Response> {
    const body = await readJsonBody(context, QuickReplyInputSchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    const quickReply: QuickReply = {
      ...body.value,
      id,
      updatedAt: clock().toISOString(),
      updatedBy: principal.username ?? principal.userId,
    };
    try {
      await quickReplies.put(quickReply);
    } catch (error) {
      if (error instanceof LivedeskError && error.code === 'conflict')
        return context.json(
          {
            error: 'conflict',
            message: `the shortcut ${quickReply.shortcut} is already used for locale ${quickReply.locale} and ${quickReply.team === null ? 'every team' : `team ${quickReply.team}`}`,
          },
          409,
        );
      throw error;
    }
    return context.json({ quickReply }, status);
  }

  app.get('/api/quick-replies', readers, async (context) => {
    const query = readQuery(context, QuickReplyFilterSchema);
    if (!query.ok) return query.response;
    return context.json({ quickReplies: await quickReplies.list(query.value) });
  });
  registry.add({
    method: 'get',
    path: '/api/quick-replies',
    summary:
      'List quick replies by locale (same language), team (that team and every team) or text; the most used first (uses are counted by render), then by shortcut',
    tag,
    auth: READERS,
    query: QuickReplyFilterSchema,
    responses: {
      200: {
        description: 'The quick replies, each with its use count',
        schema: z.object({ quickReplies: z.array(UsedQuickReplySchema) }),
      },
    },
  });

  app.get('/api/quick-replies/:id', readers, async (context) => {
    const id = readParam(context, 'id', QuickReplyIdSchema);
    if (!id.ok) return id.response;
    const quickReply = await quickReplies.get(id.value);
    return quickReply
      ? context.json({ quickReply })
      : context.json({ error: 'not_found', message: 'no such quick reply' }, 404);
  });
  registry.add({
    method: 'get',
    path: '/api/quick-replies/:id',
    summary: 'One quick reply',
    tag,
    auth: READERS,
    responses: {
      200: { description: 'The quick reply', schema: QuickReplyResponseSchema },
      404: { description: 'No such quick reply' },
    },
  });

  app.post('/api/quick-replies', writers, (context) => save(context, newId(), 201));
  registry.add({
    method: 'post',
    path: '/api/quick-replies',
    summary:
      'Create a quick reply; its text may use {viewerName}, {agentName}, {roomId}, {streamerName}, {waitMinutes}, {ticketId}, {conversationId}',
    tag,
    auth: WRITERS,
    body: QuickReplyInputSchema,
    responses: {
      201: { description: 'Created', schema: QuickReplyResponseSchema },
      409: { description: 'The shortcut is already used for that locale and team' },
    },
  });

  app.put('/api/quick-replies/:id', writers, async (context) => {
    const id = readParam(context, 'id', QuickReplyIdSchema);
    if (!id.ok) return id.response;
    return save(context, id.value, 200);
  });
  registry.add({
    method: 'put',
    path: '/api/quick-replies/:id',
    summary: 'Create or replace a quick reply',
    tag,
    auth: WRITERS,
    body: QuickReplyInputSchema,
    responses: {
      200: { description: 'Stored', schema: QuickReplyResponseSchema },
      409: { description: 'The shortcut is already used for that locale and team' },
    },
  });

  app.delete('/api/quick-replies/:id', writers, async (context) => {
    const id = readParam(context, 'id', QuickReplyIdSchema);
    if (!id.ok) return id.response;
    return (await quickReplies.remove(id.value))
      ? context.json({ removed: id.value })
      : context.json({ error: 'not_found', message: 'no such quick reply' }, 404);
  });
  registry.add({
    method: 'delete',
    path: '/api/quick-replies/:id',
    summary: 'Delete a quick reply',
    tag,
    auth: WRITERS,
    responses: {
      200: { description: 'Deleted', schema: z.object({ removed: z.string() }) },
      404: { description: 'No such quick reply' },
    },
  });

  app.post('/api/quick-replies/:id/render', readers, async (context) => {
    const id = readParam(context, 'id', QuickReplyIdSchema);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, RenderQuickReplyInputSchema);
    if (!body.ok) return body.response;
    const quickReply = await quickReplies.get(id.value);
    if (!quickReply) return context.json({ error: 'not_found', message: 'no such quick reply' }, 404);
    const { conversationId, variables } = body.value;
    if (conversationId !== undefined) {
      const refused = await refuseUnreachableConversation(context, options.access, conversationId);
      if (refused) return refused;
    }
    const fromConversation =
      conversationId === undefined ? {} : await options.conversationValues(conversationId);
    if (!fromConversation)
      return context.json({ error: 'not_found', message: `no conversation ${conversationId}` }, 404);
    const rendered = renderQuickReply(quickReply, {
      agentName: context.get('principal').name,
      ...fromConversation,
      ...variables,
    });
    // Rendering is how the console uses a reply, so it is what orders the list.
    await quickReplies.recordUse(quickReply.id, clock().toISOString());
    return context.json({ ...rendered, complete: rendered.missing.length === 0 });
  });
  registry.add({
    method: 'post',
    path: '/api/quick-replies/:id/render',
    summary:
      'Fill in a quick reply from a conversation and/or given values (counted as one use); variables without a value are listed in `missing` and left as {name}',
    tag,
    auth: READERS,
    body: RenderQuickReplyInputSchema,
    responses: {
      200: {
        description: 'The text to send (plain text: escape it when showing it)',
        schema: RenderedSchema,
      },
      403: { description: 'A conversation the caller may not reach (editors reach none)' },
      404: { description: 'No such quick reply, or no such conversation' },
    },
  });
}
