import type { TicketFilter } from '../../engine/tickets/ticket-store.js';
import type { Ticket } from '../../engine/tickets/ticket.js';

/** Columns the list filters use; each is also in the JSON body, which stays the source of truth. */
const FILTER_COLUMNS = {
  status: 'status',
  department: 'department',
  priority: 'priority',
  conversationId: 'conversation_id',
} as const;

/**
 * The conditions of a list filter, to be joined with AND. `parameter` keeps a value and returns its
 * placeholder, so each store spells placeholders its own way.
 */
export function ticketFilterClauses(
  filter: TicketFilter,
  parameter: (value: string | number) => string,
): string[] {
  const clauses: string[] = [];
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
    const value = filter[key];
    if (value === undefined) continue;
    clauses.push(`${column} = ${parameter(value)}`);
  }
  if (filter.assigneeId === null) clauses.push('assignee_id IS NULL');
  else if (filter.assigneeId !== undefined) clauses.push(`assignee_id = ${parameter(filter.assigneeId)}`);
  return clauses;
}

/**
 * A new ticket's values, in the order (ticket_id, version, status, department, priority, assignee_id,
 * conversation_id, created_at, updated_at, body).
 */
export function ticketInsertValues(ticket: Ticket): (string | number | null)[] {
  return [
    ticket.id,
    ticket.version,
    ticket.status,
    ticket.department,
    ticket.priority,
    ticket.assigneeId,
    ticket.conversationId ?? null,
    ticket.createdAt,
    ticket.updatedAt,
    JSON.stringify(ticket),
  ];
}

/**
 * A changed ticket's values, in the order (version, status, department, priority, assignee_id, updated_at,
 * body), then its id and the version it must still have.
 */
export function ticketReplaceValues(ticket: Ticket, expectedVersion: number): (string | number | null)[] {
  return [
    ticket.version,
    ticket.status,
    ticket.department,
    ticket.priority,
    ticket.assigneeId,
    ticket.updatedAt,
    JSON.stringify(ticket),
    ticket.id,
    expectedVersion,
  ];
}
