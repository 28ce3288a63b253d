import type { Context } from 'hono';
import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import type { Ticket } from '../../engine/tickets/ticket.js';
import type { ConversationSummary } from '../conversation-history/conversation-queries.js';
import {
  mayReachConversation,
  mayReachTicket,
  seesEverything,
  type AccessActor,
  type ConversationAgents,
} from '../desk/conversation-access.js';
import type { StaffEnv } from './require-role.js';

/**
 * Where the conversation rule (server/desk/conversation-access.ts) gets its facts. Each source is
 * optional; without one an agent is refused what only it could grant (fail closed).
 */
export interface ConversationAccessSources {
  /** The live desk's view of a conversation. */
  live?: ((conversationId: string) => DeskConversationView | undefined) | undefined;
  /** The stored conversation's list row (ConversationQueries.summary). */
  history?:
    | ((
        conversationId: string,
        options: { signal?: AbortSignal },
      ) => Promise<ConversationSummary | undefined>)
    | undefined;
  /** The staff member's routing teams, which name the ticket departments they work. */
  teams?: ((userId: string) => readonly string[]) | undefined;
  /** Which of these conversations are marked sensitive (server/privacy/); none without it. */
  sensitive?: ((conversationIds: readonly string[]) => Promise<ReadonlySet<string>>) | undefined;
}

export type ConversationReach = 'allowed' | 'forbidden' | 'unknown';

/** The rule applied to requests: one object every route that takes a conversation or ticket id shares. */
export interface ConversationAccess {
  /** `unknown`: neither the desk nor the log knows the id (routes answer their own 404). */
  reach(actor: AccessActor, conversationId: string, signal?: AbortSignal): Promise<ConversationReach>;
  /** The rows of a list page the caller may see, sensitive marks included (one lookup for the page). */
  reachableSummaries(
    actor: AccessActor,
    rows: readonly ConversationSummary[],
  ): Promise<ConversationSummary[]>;
  reachesTicket(actor: AccessActor, ticket: Ticket, signal?: AbortSignal): Promise<boolean>;
}

export function createConversationAccess(sources: ConversationAccessSources): ConversationAccess {
  const isSensitive = async (conversationId: string): Promise<boolean> =>
    (await sources.sensitive?.([conversationId]))?.has(conversationId) ?? false;
  const agentsOf = async (conversationId: string, signal?: AbortSignal): Promise<ConversationAgents> => {
    const live = sources.live?.(conversationId);
    const history = await sources.history?.(conversationId, signal ? { signal } : {});
    return { live, history, sensitive: await isSensitive(conversationId) };
  };
  const teamsOf = (userId: string) => sources.teams?.(userId) ?? [];
  return {
    async reach(actor, conversationId, signal) {
      if (seesEverything(actor)) return 'allowed';
      const agents = await agentsOf(conversationId, signal);
      if (mayReachConversation(actor, agents)) return 'allowed';
      return agents.live === undefined && agents.history === undefined ? 'unknown' : 'forbidden';
    },
    async reachableSummaries(actor, rows) {
      if (seesEverything(actor)) return [...rows];
      const sensitive = (await sources.sensitive?.(rows.map((row) => row.conversationId))) ?? new Set();
      return rows.filter((row) =>
        mayReachConversation(actor, {
          live: sources.live?.(row.conversationId),
          history: row,
          sensitive: sensitive.has(row.conversationId),
        }),
      );
    },
    async reachesTicket(actor, ticket, signal) {
      if (seesEverything(actor)) return true;
      const teams = teamsOf(actor.userId);
      const linked = ticket.conversationId;
      if (linked !== undefined && actor.role === 'agent' && (await isSensitive(linked)))
        return mayReachTicket(actor, ticket, { teams, conversation: await agentsOf(linked, signal) });
      if (mayReachTicket(actor, ticket, { teams })) return true;
      if (linked === undefined || actor.role !== 'agent') return false;
      const conversation = await agentsOf(linked, signal);
      return mayReachTicket(actor, ticket, { teams, conversation });
    },
  };
}

const NOT_YOURS =
  'agents may reach only the conversations offered to them, held by them or once held by them; a sensitive one only while they hold it';

/**
 * The refusal for a conversation the caller may not reach: 403, or 404 when nobody knows the id (so an
 * agent learns no more than a supervisor would). Undefined: go on.
 */
export async function refuseUnreachableConversation(
  context: Context<StaffEnv>,
  access: ConversationAccess,
  conversationId: string,
): Promise<Response | undefined> {
  const reach = await access.reach(context.get('principal'), conversationId, context.req.raw.signal);
  if (reach === 'allowed') return undefined;
  if (reach === 'unknown')
    return context.json({ error: 'not_found', message: `no conversation ${conversationId}` }, 404);
  return context.json({ error: 'forbidden', message: NOT_YOURS }, 403);
}

/** The same for a ticket: 403 for one the caller may not reach (it exists: they already hold its id). */
export async function refuseUnreachableTicket(
  context: Context<StaffEnv>,
  access: ConversationAccess,
  ticket: Ticket,
): Promise<Response | undefined> {
  if (await access.reachesTicket(context.get('principal'), ticket, context.req.raw.signal)) return undefined;
  return context.json(
    {
      error: 'forbidden',
      message:
        'agents may reach only tickets assigned to them, made by them, in their departments, or of conversations they reach',
    },
    403,
  );
}
