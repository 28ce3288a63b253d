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
}

export type ConversationReach = 'allowed' | 'forbidden' | 'unknown';

/** The rule applied to requests: one object every route that takes a conversation or ticket id shares. */
export interface ConversationAccess {
  /** `unknown`: neither the desk nor the log knows the id (routes answer their own 404). */
  reach(actor: AccessActor, conversationId: string, signal?: AbortSignal): Promise<ConversationReach>;
  /** For list rows already read from the log. */
  reachesSummary(actor: AccessActor, summary: ConversationSummary): boolean;
  reachesTicket(actor: AccessActor, ticket: Ticket, signal?: AbortSignal): Promise<boolean>;
}

export function createConversationAccess(sources: ConversationAccessSources): ConversationAccess {
  const agentsOf = async (conversationId: string, signal?: AbortSignal): Promise<ConversationAgents> => {
    const live = sources.live?.(conversationId);
    const history = await sources.history?.(conversationId, signal ? { signal } : {});
    return { live, history };
  };
  const teamsOf = (userId: string) => sources.teams?.(userId) ?? [];
  return {
    async reach(actor, conversationId, signal) {
      if (seesEverything(actor)) return 'allowed';
      const agents = await agentsOf(conversationId, signal);
      if (mayReachConversation(actor, agents)) return 'allowed';
      return agents.live === undefined && agents.history === undefined ? 'unknown' : 'forbidden';
    },
    reachesSummary: (actor, summary) => mayReachConversation(actor, { history: summary }),
    async reachesTicket(actor, ticket, signal) {
      const teams = teamsOf(actor.userId);
      if (mayReachTicket(actor, ticket, { teams })) return true;
      if (ticket.conversationId === undefined || actor.role !== 'agent') return false;
      const conversation = await agentsOf(ticket.conversationId, signal);
      return mayReachTicket(actor, ticket, { teams, conversation });
    },
  };
}

const NOT_YOURS =
  'agents may reach only the conversations offered to them, held by them or once held by them';

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
