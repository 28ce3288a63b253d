import type { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import { roleAllows, type StaffRole } from '../auth/principal.js';
import {
  ConversationPageSchema,
  ConversationStateSchema,
  type ConversationQueries,
} from '../conversation-history/conversation-queries.js';
import { refuseUnreachableConversation, type ConversationAccess } from './conversation-access-guard.js';
import { readParam, readQuery } from './desk-route-support.js';
import {
  maskDetailForStaff,
  maskSummaryForStaff,
  StaffConversationDetailSchema,
} from '../privacy/mask-detail-for-staff.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { requireStaff } from './require-role.js';

/** Agents, supervisors and admins; what an agent may see is narrowed per request. */
const DESK_STAFF: readonly StaffRole[] = ['agent'];
const tag = 'conversations';

const IdSchema = z.string().trim().min(1).max(128);
const TimeSchema = z.iso.datetime({ offset: true, error: 'an ISO date-time such as 2026-06-01T12:00:00Z' });
const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(512).optional().describe('`nextCursor` of the previous page'),
};

export const ConversationListQuerySchema = z.strictObject({
  state: ConversationStateSchema.optional(),
  roomId: IdSchema.optional(),
  viewerId: IdSchema.optional(),
  agentId: IdSchema.optional().describe('conversations this agent was assigned, accepted or wrote in'),
  from: TimeSchema.optional().describe('started at or after'),
  to: TimeSchema.optional().describe('started before'),
  text: z.string().trim().min(1).max(200).optional().describe('appears in a viewer message'),
  ...PageQuery,
});

export const ViewerHistoryQuerySchema = z.strictObject(PageQuery);

const forbidden = (message: string) => ({ error: 'forbidden', message });

const refusals = {
  400: { description: 'Bad query parameters or cursor', schema: ErrorResponseSchema },
  401: { description: 'Not signed in', schema: ErrorResponseSchema },
  403: {
    description: 'Not desk staff, or an agent asking for what is not theirs',
    schema: ErrorResponseSchema,
  },
};

/**
 * Conversation history for the agent console and supervisors, as JSON (viewer text is data, never HTML).
 * Supervisors and admins see everything; an agent sees only the conversations the access rule lets them
 * reach (offered to, held by or once held by them), in every list and lookup here.
 */
export function registerConversationRoutes(
  app: Hono,
  options: { queries: ConversationQueries; access: ConversationAccess; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { queries, access } = options;
  const staff = requireStaff(options.auth, DESK_STAFF);

  app.get('/api/conversations', staff, async (context) => {
    const principal = context.get('principal');
    const query = readQuery(context, ConversationListQuerySchema);
    if (!query.ok) return query.response;
    const { limit, cursor, ...filter } = query.value;
    if (!roleAllows(principal.role, ['supervisor'])) {
      if (filter.agentId !== undefined && filter.agentId !== principal.userId)
        return context.json(
          forbidden('agents may list only their own conversations; leave out agentId'),
          403,
        );
      filter.agentId = principal.userId;
    }
    const page = await queries.list(filter, { limit, cursor, signal: context.req.raw.signal });
    // The agentId filter also matches lapsed offers' bookkeeping; the rule decides what is shown.
    const conversations = await access.reachableSummaries(principal, page.conversations);
    return context.json({ ...page, conversations: conversations.map(maskSummaryForStaff) });
  });
  registry.add({
    method: 'get',
    path: '/api/conversations',
    summary:
      'List conversations, newest first by start, with filters and cursor paging; an agent gets only their own',
    tag,
    auth: DESK_STAFF,
    query: ConversationListQuerySchema,
    responses: {
      200: { description: 'One page of conversations', schema: ConversationPageSchema },
      ...refusals,
    },
  });

  app.get('/api/conversations/:id', staff, async (context) => {
    const id = readParam(context, 'id', IdSchema);
    if (!id.ok) return id.response;
    const refused = await refuseUnreachableConversation(context, access, id.value);
    if (refused) return refused;
    const detail = await queries.get(id.value, { signal: context.req.raw.signal });
    if (!detail) return context.json({ error: 'not_found', message: 'no such conversation' }, 404);
    // What the viewer wrote comes masked; a field is revealed one at a time, with a reason (privacy-routes.ts).
    return context.json(maskDetailForStaff(detail));
  });
  registry.add({
    method: 'get',
    path: '/api/conversations/:id',
    summary: 'One conversation: every stored event, the transcript, the handoff packet and the satisfaction',
    tag,
    auth: DESK_STAFF,
    responses: {
      200: {
        description: 'The conversation, with personal data in what the viewer wrote masked',
        schema: StaffConversationDetailSchema,
      },
      ...refusals,
      404: { description: 'No such conversation', schema: ErrorResponseSchema },
    },
  });

  app.get('/api/viewers/:viewerId/conversations', staff, async (context) => {
    const principal = context.get('principal');
    const viewerId = readParam(context, 'viewerId', IdSchema);
    if (!viewerId.ok) return viewerId.response;
    const query = readQuery(context, ViewerHistoryQuerySchema);
    if (!query.ok) return query.response;
    const { limit, cursor } = query.value;
    // An agent gets the viewer's conversations they reach, not every id of any viewer they can name.
    const supervises = roleAllows(principal.role, ['supervisor']);
    const page = await queries.list(
      { viewerId: viewerId.value, ...(supervises ? {} : { agentId: principal.userId }) },
      { limit, cursor, signal: context.req.raw.signal },
    );
    const conversations = await access.reachableSummaries(principal, page.conversations);
    return context.json({ ...page, conversations: conversations.map(maskSummaryForStaff) });
  });
  registry.add({
    method: 'get',
    path: '/api/viewers/:viewerId/conversations',
    summary:
      "A viewer's conversations, newest first: the agent console's history panel; an agent gets only those they reach",
    tag,
    auth: DESK_STAFF,
    query: ViewerHistoryQuerySchema,
    responses: {
      200: { description: 'One page of conversations', schema: ConversationPageSchema },
      ...refusals,
    },
  });
}
