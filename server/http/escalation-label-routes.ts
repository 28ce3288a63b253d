import type { Hono } from 'hono';
import { z } from 'zod';
import { DeskLabelSchema, type DeskLabel } from '../../engine/signals/learning/desk-label.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import type { DeskLabels } from '../signals/desk-labels.js';
import type { ConversationAccess } from './conversation-access-guard.js';
import { readOptionalJsonBody, readParam } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { requireStaff, type StaffPrincipal } from './require-role.js';

/** Agents (and supervisors, admins) judge the escalations that reached them. */
const DESK_STAFF: readonly StaffRole[] = ['agent'];
const tag = 'conversations';

const IdSchema = z.string().trim().min(1).max(128);

export const EscalationLabelViewSchema = DeskLabelSchema.extend({
  markedByMe: z.boolean().describe('the caller marked it "should not have been escalated"'),
});
const LabelResponseSchema = z.object({
  label: EscalationLabelViewSchema.nullable().describe(
    'null: no AI escalation naming a signal reached an agent',
  ),
});

export const MarkEscalationSchema = z.strictObject({
  note: z.string().trim().max(500).default('').describe('why it should not have been escalated'),
});

const refusals = {
  400: { description: 'Bad conversation id or body', schema: ErrorResponseSchema },
  401: { description: 'Not signed in', schema: ErrorResponseSchema },
  403: {
    description: 'Not desk staff, or an agent who never held the conversation',
    schema: ErrorResponseSchema,
  },
};

const view = (label: DeskLabel, principal: StaffPrincipal) => ({
  ...label,
  markedByMe: label.marks.some((mark) => mark.agentId === principal.userId),
});

/**
 * The console's side of the learning loop: the escalation label of a conversation, and the agent's
 * "should not have been escalated" mark on it (one per conversation and agent; sending it again changes
 * nothing), which makes it a negative case for the signals that fired.
 */
export function registerEscalationLabelRoutes(
  app: Hono,
  options: { labels: DeskLabels; access: ConversationAccess; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { labels, access } = options;
  const staff = requireStaff(options.auth, DESK_STAFF);
  /** The conversation rule (server/desk/conversation-access.ts); an unknown id is refused like a foreign one. */
  const mayJudge = async (principal: StaffPrincipal, conversationId: string, signal: AbortSignal) =>
    (await access.reach(principal, conversationId, signal)) === 'allowed';
  const forbidden = {
    error: 'forbidden',
    message: 'agents may judge only the conversations they hold or held',
  };
  const path = '/api/conversations/:id/escalation-label';

  app.get(path, staff, async (context) => {
    const id = readParam(context, 'id', IdSchema);
    if (!id.ok) return id.response;
    const principal = context.get('principal');
    if (!(await mayJudge(principal, id.value, context.req.raw.signal))) return context.json(forbidden, 403);
    const label = await labels.forConversation(id.value);
    return context.json({ label: label ? view(label, principal) : null });
  });
  registry.add({
    method: 'get',
    path,
    summary:
      "The conversation's newest AI escalation that reached an agent, as a labelled case, with agents' marks",
    tag,
    auth: DESK_STAFF,
    responses: { 200: { description: 'The label, or null', schema: LabelResponseSchema }, ...refusals },
  });

  app.put(`${path}/mark`, staff, async (context) => {
    const id = readParam(context, 'id', IdSchema);
    if (!id.ok) return id.response;
    const body = await readOptionalJsonBody(context, MarkEscalationSchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    if (!(await mayJudge(principal, id.value, context.req.raw.signal))) return context.json(forbidden, 403);
    const label = await labels.mark({
      conversationId: id.value,
      agentId: principal.userId,
      note: body.value.note,
    });
    return context.json({ label: view(label, principal) });
  });
  registry.add({
    method: 'put',
    path: `${path}/mark`,
    summary:
      'Mark the escalation "should not have been escalated": a negative case for the signals that fired; again: no change',
    tag,
    auth: DESK_STAFF,
    body: MarkEscalationSchema,
    responses: {
      200: { description: 'Marked', schema: LabelResponseSchema },
      ...refusals,
      404: { description: 'No escalation of it reached an agent', schema: ErrorResponseSchema },
    },
  });

  app.delete(`${path}/mark`, staff, async (context) => {
    const id = readParam(context, 'id', IdSchema);
    if (!id.ok) return id.response;
    const principal = context.get('principal');
    if (!(await mayJudge(principal, id.value, context.req.raw.signal))) return context.json(forbidden, 403);
    const label = await labels.unmark({ conversationId: id.value, agentId: principal.userId });
    return context.json({ label: view(label, principal) });
  });
  registry.add({
    method: 'delete',
    path: `${path}/mark`,
    summary: "Take back the caller's own mark: the escalation counts as right again",
    tag,
    auth: DESK_STAFF,
    responses: {
      200: { description: 'Unmarked', schema: LabelResponseSchema },
      ...refusals,
      404: { description: 'No escalation of it reached an agent', schema: ErrorResponseSchema },
    },
  });
}
