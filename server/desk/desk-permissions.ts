import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import { roleAllows, type StaffRole } from '../auth/principal.js';

export type DeskAction =
  'watch' | 'accept' | 'decline' | 'reply' | 'transfer' | 'escalate' | 'hand-back' | 'close' | 'requeue';

export interface DeskActor {
  userId: string;
  role: StaffRole;
}

/**
 * Who may do what to a conversation. An agent acts only on what is offered to or held by them;
 * supervisors and admins may also watch any conversation and move or end any conversation on the desk.
 * Accepting, declining and replying stay with the agent who holds it, whatever the role.
 */
export function mayAct(
  actor: DeskActor,
  action: DeskAction,
  view: DeskConversationView | undefined,
): boolean {
  // Only desk roles act at all: a socket whose account became an editor keeps nothing it held.
  if (!roleAllows(actor.role, ['agent'])) return false;
  const holds = view !== undefined && view.agentId === actor.userId;
  const supervises = roleAllows(actor.role, ['supervisor']);
  switch (action) {
    case 'accept':
    case 'decline':
      return holds && view.status === 'offered';
    case 'reply':
      return holds && view.status === 'active';
    case 'watch':
      return supervises || holds;
    case 'transfer':
    case 'escalate':
    case 'hand-back':
    case 'close':
      return view !== undefined && (supervises || (holds && view.status === 'active'));
    case 'requeue':
      return view !== undefined && supervises;
  }
}
