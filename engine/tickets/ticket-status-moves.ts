import type { TicketActor, TicketStatus } from './ticket.js';

/**
 * The ticket workflow. Work goes open → pending (waiting on the viewer or another team) → resolved →
 * closed. Before it is closed a ticket may go back: pending → open when work resumes, resolved → open
 * (reopen) when the fix did not hold. Closed is final for agents; only a supervisor may reopen a closed
 * ticket (closed → open), so a closed ticket's history can be trusted in reports. A ticket is closed only
 * after it was resolved, so every closed ticket says how it was resolved.
 */
const MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

/** Moves that need a supervisor. */
const SUPERVISOR_MOVES: readonly (readonly [TicketStatus, TicketStatus])[] = [['closed', 'open']];

export type StatusMoveCheck =
  { ok: true } | { ok: false; reason: 'illegal' | 'supervisor-only'; message: string };

/** Whether `actor` may move a ticket from `from` to `to`; a status kept as it is is no move. */
export function checkStatusMove(
  from: TicketStatus,
  to: TicketStatus,
  actor: Pick<TicketActor, 'supervisor'>,
): StatusMoveCheck {
  if (!MOVES[from].includes(to))
    return { ok: false, reason: 'illegal', message: `a ticket that is ${from} cannot become ${to}` };
  const needsSupervisor = SUPERVISOR_MOVES.some(([a, b]) => a === from && b === to);
  if (needsSupervisor && !actor.supervisor)
    return {
      ok: false,
      reason: 'supervisor-only',
      message: `only a supervisor may reopen a ${from} ticket`,
    };
  return { ok: true };
}

/** The statuses a ticket in `from` may move to, for the console's status menu. */
export function nextStatuses(from: TicketStatus, actor: Pick<TicketActor, 'supervisor'>): TicketStatus[] {
  return MOVES[from].filter((to) => checkStatusMove(from, to, actor).ok);
}
