import type { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import { roleAllows, type StaffRole } from '../auth/principal.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import type { DeskService } from '../desk/desk-service.js';
import type { ConversationPrivacyStore } from '../privacy/conversation-privacy-store.js';
import { revealSpan } from '../privacy/mask-for-staff.js';
import {
  RevealRequestSchema,
  RevealResponseSchema,
  SensitiveRequestSchema,
  SensitiveStateSchema,
} from '../privacy/reveal-request.js';
import { noteForAudit } from './audit-trail.js';
import { refuseUnreachableConversation, type ConversationAccess } from './conversation-access-guard.js';
import { readParam } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

const IdSchema = z.string().trim().min(1).max(128);
const DESK_STAFF: readonly StaffRole[] = ['agent'];
const SUPERVISORS: readonly StaffRole[] = ['supervisor'];
const tag = 'privacy';

export interface PrivacyRouteOptions {
  auth: Pick<Auth, 'verify'>;
  access: ConversationAccess;
  queries: ConversationQueries;
  privacy: ConversationPrivacyStore;
  /** Who holds a conversation now: an agent may reveal only in the one they hold. */
  desk?: Pick<DeskService, 'conversation'> | undefined;
  clock?: (() => Date) | undefined;
}

/**
 * Reveal one masked field (audited with the reason) and mark conversations sensitive. Supervisors and admins
 * may reveal in any conversation; an agent only in one they hold now (accepted, on the desk).
 */
export function registerPrivacyRoutes(app: Hono, options: PrivacyRouteOptions, registry: ApiRegistry): void {
  const { access, queries, privacy } = options;
  const clock = options.clock ?? (() => new Date());
  const staff = requireStaff(options.auth, DESK_STAFF);
  const supervisors = requireStaff(options.auth, SUPERVISORS);

  app.post('/api/conversations/:id/pii/reveal', staff, async (context) => {
    const id = readParam(context, 'id', IdSchema);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, RevealRequestSchema);
    if (!body.ok) return body.response;
    const { sequence, field, index, reason, note } = body.value;
    // The why goes into the audit row whatever the answer (a refusal is recorded as such).
    noteForAudit(context, { sequence, field, index, reason, ...(note ? { note } : {}) });
    const refused = await refuseUnreachableConversation(context, access, id.value);
    if (refused) return refused;
    const principal = context.get('principal');
    if (!roleAllows(principal.role, ['supervisor'])) {
      const live = options.desk?.conversation(id.value);
      if (live?.agentId !== principal.userId || live.status !== 'active')
        return context.json(
          {
            error: 'forbidden',
            message: 'an agent may reveal personal data only in a conversation they hold now',
          },
          403,
        );
    }
    const detail = await queries.get(id.value, { signal: context.req.raw.signal });
    const stored = detail?.events.find((item) => item.sequence === sequence);
    const revealed = stored && revealSpan(stored.event, field, index);
    if (!revealed)
      return context.json(
        {
          error: 'not_found',
          message: `no masked ${field} #${index} in event ${sequence} of this conversation`,
        },
        404,
      );
    noteForAudit(context, { kind: revealed.kind });
    return context.json(revealed);
  });
  registry.add({
    method: 'post',
    path: '/api/conversations/:id/pii/reveal',
    summary:
      'Reveal one masked field of what a viewer wrote, with a reason (audited); supervisors, admins, or the agent holding it',
    tag,
    auth: DESK_STAFF,
    body: RevealRequestSchema,
    responses: {
      200: { description: 'That one value, nothing around it', schema: RevealResponseSchema },
      400: { description: 'A malformed request, or "other" without a note', schema: ErrorResponseSchema },
      401: { description: 'Not signed in', schema: ErrorResponseSchema },
      403: { description: 'Not a conversation the caller holds or supervises', schema: ErrorResponseSchema },
      404: { description: 'No such conversation, event or masked span', schema: ErrorResponseSchema },
    },
  });

  app.get('/api/conversations/:id/sensitive', staff, async (context) => {
    const id = readParam(context, 'id', IdSchema);
    if (!id.ok) return id.response;
    const refused = await refuseUnreachableConversation(context, access, id.value);
    if (refused) return refused;
    const mark = await privacy.sensitive(id.value);
    return context.json(mark ? { sensitive: true, ...mark } : { conversationId: id.value, sensitive: false });
  });
  registry.add({
    method: 'get',
    path: '/api/conversations/:id/sensitive',
    summary: 'Whether a conversation is marked sensitive, by whom and why',
    tag,
    auth: DESK_STAFF,
    responses: {
      200: { description: 'The mark', schema: SensitiveStateSchema },
      401: { description: 'Not signed in', schema: ErrorResponseSchema },
      403: { description: 'A conversation the caller may not open', schema: ErrorResponseSchema },
      404: { description: 'No such conversation', schema: ErrorResponseSchema },
    },
  });

  app.put('/api/conversations/:id/sensitive', supervisors, async (context) => {
    const id = readParam(context, 'id', IdSchema);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, SensitiveRequestSchema);
    if (!body.ok) return body.response;
    const refused = await refuseUnreachableConversation(context, access, id.value);
    if (refused) return refused;
    const principal = context.get('principal');
    noteForAudit(context, {
      sensitive: body.value.sensitive,
      ...(body.value.note ? { note: body.value.note } : {}),
    });
    if (!body.value.sensitive) {
      await privacy.clearSensitive(id.value);
      return context.json({ conversationId: id.value, sensitive: false });
    }
    const mark = {
      conversationId: id.value,
      markedBy: principal.userId,
      markedAt: clock().toISOString(),
      note: body.value.note,
    };
    await privacy.markSensitive(mark);
    return context.json({ sensitive: true, ...mark });
  });
  registry.add({
    method: 'put',
    path: '/api/conversations/:id/sensitive',
    summary:
      'Mark a conversation sensitive (only supervisors, admins and the agent holding it may then open it), or clear the mark',
    tag,
    auth: SUPERVISORS,
    body: SensitiveRequestSchema,
    responses: {
      200: { description: 'The mark as it is now', schema: SensitiveStateSchema },
      400: { description: 'A malformed body', schema: ErrorResponseSchema },
      401: { description: 'Not signed in', schema: ErrorResponseSchema },
      403: { description: 'Not a supervisor or admin', schema: ErrorResponseSchema },
      404: { description: 'No such conversation', schema: ErrorResponseSchema },
    },
  });
}
