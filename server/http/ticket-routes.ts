import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ConversationSatisfactionSchema } from '../../engine/tickets/conversation-satisfaction.js';
import {
  ConversationTicketInputSchema,
  CreateTicketInputSchema,
  TicketCommentInputSchema,
  TicketListQuerySchema,
  UpdateTicketInputSchema,
  type TicketListQuery,
} from '../../engine/tickets/ticket-inputs.js';
import type { TicketService } from '../../engine/tickets/ticket-service.js';
import {
  TicketHistoryEntrySchema,
  TicketIdSchema,
  TicketSchema,
  type Ticket,
} from '../../engine/tickets/ticket.js';
import type { Auth } from '../auth/auth.js';
import { maskSatisfactionForStaff } from '../privacy/mask-detail-for-staff.js';
import { roleAllows, type StaffRole } from '../auth/principal.js';
import {
  refuseUnreachableConversation,
  refuseUnreachableTicket,
  type ConversationAccess,
} from './conversation-access-guard.js';
import {
  readOptionalJsonBody,
  readParam,
  readQuery,
  refusalResponse,
  ticketActorOf,
} from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff, type StaffEnv } from './require-role.js';
import { registerTicketDepartmentRoutes } from './ticket-department-routes.js';

/** Agents create and work tickets; supervisors (and admins) also reopen closed ones. */
const TICKET_STAFF: readonly StaffRole[] = ['agent'];
const tag = 'tickets';

const ConversationIdSchema = z.string().trim().min(1).max(128);
const TicketResponseSchema = z.object({ ticket: TicketSchema });
const TicketViewSchema = z.object({
  ticket: TicketSchema,
  history: z.array(TicketHistoryEntrySchema),
  satisfaction: ConversationSatisfactionSchema.nullable(),
  /** The linked conversation's media (issue 17), with links signed for this answer: a screenshot reaches finance. */
  attachments: z
    .array(
      z.object({
        mediaId: z.string(),
        kind: z.enum(['image', 'sticker', 'voice', 'file']),
        mime: z.string(),
        bytes: z.number().int(),
        name: z.string().optional(),
        url: z.string(),
        thumbUrl: z.string().optional(),
      }),
    )
    .optional(),
});
const TicketListSchema = z.object({
  tickets: z.array(TicketSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
const SatisfactionResponseSchema = ConversationSatisfactionSchema.extend({ conversationId: z.string() });
/** Tickets an agent's list reads through before paging what they may reach (see listReachable). */
const AGENT_LIST_SCAN = 2_000;
const SCAN_PAGE = 200;
const forbiddenTicket = {
  403: { description: 'An agent who may not reach the ticket or its conversation' },
};

/**
 * Tickets (by hand or prefilled from a conversation), their history and comments, the departments they
 * move between, and the satisfaction a conversation got. Refusals: 404 unknown, 409 stale `expectedVersion` or illegal move, 403 a move only a
 * supervisor may make or a ticket or conversation an agent may not reach (server/desk/conversation-access.ts), 400 bad input.
 */
export function registerTicketRoutes(
  app: Hono,
  options: {
    tickets: TicketService;
    access: ConversationAccess;
    auth: Pick<Auth, 'verify'>;
    /** A conversation's media as attachments with signed links (server/media/); absent: none listed. */
    attachments?:
      ((conversationId: string) => Promise<z.infer<typeof TicketViewSchema>['attachments']>) | undefined;
  },
  registry: ApiRegistry,
): void {
  const { tickets, access } = options;
  const staff = requireStaff(options.auth, TICKET_STAFF);

  /** The ticket when the caller may reach it, else the refusal (404 unknown, 403 not theirs). */
  const reachableTicket = async (
    context: Context<StaffEnv>,
    id: string,
  ): Promise<{ ok: true } | { ok: false; response: Response }> => {
    const ticket = await tickets.get(id);
    if (!ticket)
      return { ok: false, response: context.json({ error: 'not_found', message: `no ticket ${id}` }, 404) };
    const refused = await refuseUnreachableTicket(context, access, ticket);
    return refused ? { ok: false, response: refused } : { ok: true };
  };

  /**
   * An agent's page of the tickets they reach. The store pages by offset over every ticket, so the
   * agent's tickets are found by reading through the newest AGENT_LIST_SCAN matches; `total` counts
   * what was found there.
   */
  const listReachable = async (context: Context<StaffEnv>, query: TicketListQuery) => {
    const principal = context.get('principal');
    const visible: Ticket[] = [];
    for (let offset = 0; offset < AGENT_LIST_SCAN; offset += SCAN_PAGE) {
      const page = await tickets.list({ ...query, limit: SCAN_PAGE, offset });
      for (const ticket of page.tickets)
        if (await access.reachesTicket(principal, ticket, context.req.raw.signal)) visible.push(ticket);
      if (page.tickets.length < SCAN_PAGE) break;
    }
    return {
      tickets: visible.slice(query.offset, query.offset + query.limit),
      total: visible.length,
    };
  };
  registerTicketDepartmentRoutes(app, { departments: tickets.departments, auth: options.auth }, registry);

  app.post('/api/tickets', staff, async (context) => {
    const body = await readJsonBody(context, CreateTicketInputSchema);
    if (!body.ok) return body.response;
    if (body.value.conversationId !== undefined) {
      const refused = await refuseUnreachableConversation(context, access, body.value.conversationId);
      if (refused) return refused;
    }
    const created = await tickets.create(body.value, ticketActorOf(context));
    return created.ok ? context.json({ ticket: created.value }, 201) : refusalResponse(context, created);
  });
  registry.add({
    method: 'post',
    path: '/api/tickets',
    summary: 'Create a ticket by hand',
    tag,
    auth: TICKET_STAFF,
    body: CreateTicketInputSchema,
    responses: {
      201: { description: 'Created (status open, version 1)', schema: TicketResponseSchema },
      403: { description: 'An agent linking a conversation they may not reach' },
      404: { description: 'The linked conversation is unknown' },
      409: { description: 'The linked conversation already has a ticket that is not closed' },
    },
  });

  app.post('/api/conversations/:id/ticket', staff, async (context) => {
    const id = readParam(context, 'id', ConversationIdSchema);
    if (!id.ok) return id.response;
    // Who may comes before what is sent: a refused caller learns nothing from validation messages.
    const refused = await refuseUnreachableConversation(context, access, id.value);
    if (refused) return refused;
    const body = await readOptionalJsonBody(context, ConversationTicketInputSchema);
    if (!body.ok) return body.response;
    const created = await tickets.createFromConversation(id.value, body.value, ticketActorOf(context));
    return created.ok ? context.json({ ticket: created.value }, 201) : refusalResponse(context, created);
  });
  registry.add({
    method: 'post',
    path: '/api/conversations/:id/ticket',
    summary:
      'Create a ticket from a conversation: viewer, room, description (the handoff summary), priority and transcript links are prefilled with personal data masked; fields in the body win',
    tag,
    auth: TICKET_STAFF,
    body: ConversationTicketInputSchema,
    responses: {
      201: { description: 'Created', schema: TicketResponseSchema },
      403: { description: 'An agent who may not reach the conversation' },
      404: { description: 'No such conversation' },
      409: { description: 'The conversation already has a ticket that is not closed' },
    },
  });

  app.get('/api/tickets', staff, async (context) => {
    const query = readQuery(context, TicketListQuerySchema);
    if (!query.ok) return query.response;
    const page = roleAllows(context.get('principal').role, ['supervisor'])
      ? await tickets.list(query.value)
      : await listReachable(context, query.value);
    return context.json({ ...page, limit: query.value.limit, offset: query.value.offset });
  });
  registry.add({
    method: 'get',
    path: '/api/tickets',
    summary:
      "List tickets, newest first, by status, department, priority, assignee (`none`: unassigned) or conversation; an agent gets only the tickets assigned to them, made by them, in their teams' departments or of conversations they reach",
    tag,
    auth: TICKET_STAFF,
    query: TicketListQuerySchema,
    responses: { 200: { description: 'One page of tickets and how many match', schema: TicketListSchema } },
  });

  app.get('/api/tickets/:id', staff, async (context) => {
    const id = readParam(context, 'id', TicketIdSchema);
    if (!id.ok) return id.response;
    const reachable = await reachableTicket(context, id.value);
    if (!reachable.ok) return reachable.response;
    const view = await tickets.view(id.value);
    if (!view.ok) return refusalResponse(context, view);
    // The satisfaction is the viewer's own words about the conversation: only for those who reach it
    // (an agent may reach the ticket through their department and not the conversation).
    const conversationId = view.value.ticket.conversationId;
    const seesConversation =
      conversationId !== undefined &&
      (await access.reach(context.get('principal'), conversationId, context.req.raw.signal)) === 'allowed';
    const satisfaction = view.value.satisfaction && maskSatisfactionForStaff(view.value.satisfaction);
    const attachments =
      conversationId === undefined ? [] : ((await options.attachments?.(conversationId)) ?? []);
    return context.json({ ...view.value, satisfaction: seesConversation ? satisfaction : null, attachments });
  });
  registry.add({
    method: 'get',
    path: '/api/tickets/:id',
    summary: "A ticket with its history and, when linked, the conversation's satisfaction score",
    tag,
    auth: TICKET_STAFF,
    responses: {
      200: { description: 'The ticket', schema: TicketViewSchema },
      ...forbiddenTicket,
      404: { description: 'No such ticket' },
    },
  });

  app.patch('/api/tickets/:id', staff, async (context) => {
    const id = readParam(context, 'id', TicketIdSchema);
    if (!id.ok) return id.response;
    const reachable = await reachableTicket(context, id.value);
    if (!reachable.ok) return reachable.response;
    const body = await readJsonBody(context, UpdateTicketInputSchema);
    if (!body.ok) return body.response;
    const updated = await tickets.update(id.value, body.value, ticketActorOf(context));
    return updated.ok ? context.json(updated.value) : refusalResponse(context, updated);
  });
  registry.add({
    method: 'patch',
    path: '/api/tickets/:id',
    summary:
      'Change status, department (a handover: `note` required), priority, assignee, title, description or tags; `expectedVersion` must be the version last read',
    tag,
    auth: TICKET_STAFF,
    body: UpdateTicketInputSchema,
    responses: {
      200: {
        description: 'Changed (or `changed: false` when every value was already so)',
        schema: TicketResponseSchema.extend({ changed: z.boolean() }),
      },
      403: {
        description: 'Only a supervisor may reopen a closed ticket; an agent who may not reach the ticket',
      },
      404: { description: 'No such ticket' },
      409: {
        description: 'Changed meanwhile (stale expectedVersion), an illegal status move, or a closed ticket',
      },
    },
  });

  app.post('/api/tickets/:id/comments', staff, async (context) => {
    const id = readParam(context, 'id', TicketIdSchema);
    if (!id.ok) return id.response;
    const reachable = await reachableTicket(context, id.value);
    if (!reachable.ok) return reachable.response;
    const body = await readJsonBody(context, TicketCommentInputSchema);
    if (!body.ok) return body.response;
    const entry = await tickets.comment(id.value, body.value.comment, ticketActorOf(context));
    return entry.ok ? context.json({ entry: entry.value }, 201) : refusalResponse(context, entry);
  });
  registry.add({
    method: 'post',
    path: '/api/tickets/:id/comments',
    summary: 'Comment on a ticket (kept in its history; changes no field and no version)',
    tag,
    auth: TICKET_STAFF,
    body: TicketCommentInputSchema,
    responses: {
      201: { description: 'Recorded', schema: z.object({ entry: TicketHistoryEntrySchema }) },
      ...forbiddenTicket,
      404: { description: 'No such ticket' },
      409: { description: 'The ticket is closed' },
    },
  });

  app.get('/api/conversations/:id/satisfaction', staff, async (context) => {
    const id = readParam(context, 'id', ConversationIdSchema);
    if (!id.ok) return id.response;
    const refused = await refuseUnreachableConversation(context, access, id.value);
    if (refused) return refused;
    const satisfaction = await tickets.satisfaction(id.value);
    return satisfaction.ok
      ? context.json({ conversationId: id.value, ...maskSatisfactionForStaff(satisfaction.value) })
      : refusalResponse(context, satisfaction);
  });
  registry.add({
    method: 'get',
    path: '/api/conversations/:id/satisfaction',
    summary: 'The score (1-5) and comment the viewer gave a conversation, and whether one is awaited',
    tag,
    auth: TICKET_STAFF,
    responses: {
      200: { description: 'The ratings', schema: SatisfactionResponseSchema },
      403: { description: 'An agent who may not reach the conversation' },
      404: { description: 'No such conversation' },
    },
  });
}
