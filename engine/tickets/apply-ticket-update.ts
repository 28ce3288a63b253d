import type { UpdateTicketInput } from './ticket-inputs.js';
import { refuse, type TicketOutcome } from './ticket-outcome.js';
import { checkStatusMove } from './ticket-status-moves.js';
import type { DepartmentRules } from './ticket-department.js';
import type { Ticket, TicketActor, TicketField, TicketHistoryEntry } from './ticket.js';

export interface TicketChange {
  ticket: Ticket;
  /** One row per field that changed; empty when the update changed nothing. */
  history: TicketHistoryEntry[];
}

export interface UpdateContext {
  actor: TicketActor;
  at: string;
  departments: DepartmentRules;
}

const FIELDS: readonly TicketField[] = [
  'status',
  'department',
  'priority',
  'assigneeId',
  'title',
  'description',
  'tags',
];

/**
 * Applies an update to a ticket without touching any store: checks the expected version, the status move,
 * the department list and the handover note, then returns the new ticket (version + 1, due again when
 * its department or priority changed) and a history row per changed field. Values equal to the current
 * ones are no change.
 */
export function applyTicketUpdate(
  ticket: Ticket,
  input: UpdateTicketInput,
  context: UpdateContext,
): TicketOutcome<TicketChange> {
  if (input.expectedVersion !== ticket.version)
    return refuse(
      'conflict',
      `the ticket changed meanwhile (version ${ticket.version}, expected ${input.expectedVersion}); reload it and try again`,
    );
  const changed = FIELDS.filter(
    (field) => input[field] !== undefined && !sameValue(input[field], ticket[field]),
  );
  if (changed.length === 0) return { ok: true, value: { ticket, history: [] } };

  if (ticket.status === 'closed' && changed.some((field) => field !== 'status'))
    return refuse('conflict', 'a closed ticket is final: a supervisor must reopen it before it can change');
  if (input.status !== undefined && changed.includes('status')) {
    const move = checkStatusMove(ticket.status, input.status, context.actor);
    if (!move.ok) return refuse(move.reason === 'illegal' ? 'conflict' : 'forbidden', move.message);
  }
  if (input.department !== undefined && changed.includes('department')) {
    if (!context.departments.enabledIds.includes(input.department))
      return refuse(
        'invalid_input',
        `unknown department "${input.department}"; known: ${context.departments.enabledIds.join(', ')}`,
      );
    if (input.note === undefined)
      return refuse('invalid_input', 'a handover to another department needs a note for the receiving team');
  }

  const next: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: context.at };
  const history: TicketHistoryEntry[] = [];
  for (const field of changed) {
    const before = ticket[field];
    const after = input[field];
    Object.assign(next, { [field]: after });
    history.push({
      ticketId: ticket.id,
      at: context.at,
      actorId: context.actor.userId,
      ...(context.actor.name !== undefined ? { actorName: context.actor.name } : {}),
      field,
      before,
      after,
      ...(input.note !== undefined ? { comment: input.note } : {}),
    });
  }
  if (changed.includes('department') || changed.includes('priority')) {
    // The department that has the ticket now answers within its own target for the priority, from now.
    const dueAt = context.departments.dueAt(next.department, next.priority, context.at);
    if (dueAt !== undefined) next.dueAt = dueAt;
  }
  return { ok: true, value: { ticket: next, history } };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
