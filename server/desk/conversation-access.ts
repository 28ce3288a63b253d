import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import { roleAllows, type StaffRole } from '../auth/principal.js';
import { VIEWER_REPORT_TAG } from '../privacy/viewer-report.js';

export interface AccessActor {
  userId: string;
  role: StaffRole;
}

/**
 * What is known of the agents of one conversation. `live` is the desk's view now; `history` is read from
 * the stored events, so it survives the conversation leaving the desk and server restarts.
 */
export interface ConversationAgents {
  live?: Pick<DeskConversationView, 'agentId' | 'status'> | undefined;
  history?:
    | {
        /** Who holds it now (offered or accepted), from the log. */
        assignedAgentId: string | null;
        /** Everyone it was offered to, who accepted it or wrote in it. */
        agentIds: readonly string[];
      }
    | undefined;
  /** A supervisor marked it sensitive (server/privacy/): only its current holder among agents reaches it. */
  sensitive?: boolean | undefined;
}

/** The parts of a ticket its visibility depends on. */
export interface TicketReachFacts {
  assigneeId: string | null;
  createdBy: string;
  department: string;
  conversationId?: string | undefined;
  tags?: readonly string[] | undefined;
}

/** Supervisors and admins reach every conversation and ticket. */
export function seesEverything(actor: AccessActor): boolean {
  return roleAllows(actor.role, ['supervisor']);
}

/**
 * THE rule for conversation data (events, transcript, satisfaction, tickets made from it, quick-reply
 * values): an agent reaches a conversation while it is offered to or held by them, or once they held it
 * (accepted it or wrote in it). An offer they declined or let lapse grants nothing afterwards: otherwise
 * an agent who names every team in their profile could read every conversation by declining its offer.
 * Editors reach none.
 * Knowing an id (the queue snapshot lists them) grants nothing.
 */
export function mayReachConversation(actor: AccessActor, agents: ConversationAgents): boolean {
  if (seesEverything(actor)) return true;
  if (actor.role !== 'agent') return false;
  if (agents.live?.agentId === actor.userId) return true;
  const history = agents.history;
  if (!history) return false;
  // Sensitive: holding it now is the only way in; having held it once grants nothing.
  if (agents.sensitive) return agents.live === undefined && history.assignedAgentId === actor.userId;
  return history.assignedAgentId === actor.userId || history.agentIds.includes(actor.userId);
}

/**
 * An agent reaches a ticket assigned to them, one they created, one in a department they work in (their
 * routing teams: how the console's "unassigned" queue is worked), or one whose conversation they reach.
 * `conversation` is looked up only when the cheaper facts do not already decide, or when the conversation is
 * sensitive: then only the conversation rule decides.
 */
export function mayReachTicket(
  actor: AccessActor,
  ticket: TicketReachFacts,
  context: { teams: readonly string[]; conversation?: ConversationAgents | undefined },
): boolean {
  if (seesEverything(actor)) return true;
  if (actor.role !== 'agent') return false;
  // A sensitive conversation's ticket is as closed as the conversation: assignee, author or team grant nothing.
  if (context.conversation?.sensitive) return mayReachConversation(actor, context.conversation);
  // A viewer's report its conversation could not take (it had an open ticket already) escapes that
  // conversation's sensitive mark: it stays with supervisors and admins, and the agent they assign it to.
  if (ticket.conversationId === undefined && ticket.tags?.includes(VIEWER_REPORT_TAG))
    return ticket.assigneeId === actor.userId;
  if (ticket.assigneeId === actor.userId || ticket.createdBy === actor.userId) return true;
  if (context.teams.includes(ticket.department)) return true;
  return (
    ticket.conversationId !== undefined &&
    context.conversation !== undefined &&
    mayReachConversation(actor, context.conversation)
  );
}
