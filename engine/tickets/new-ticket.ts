import type { TicketChange } from './apply-ticket-update.js';
import type { CreateTicketInput } from './ticket-inputs.js';
import { refuse, type TicketOutcome } from './ticket-outcome.js';
import type { DepartmentRules } from './ticket-department.js';
import type { Ticket, TicketActor } from './ticket.js';

export interface NewTicketContext {
  id: string;
  actor: TicketActor;
  at: string;
  departments: DepartmentRules;
}

/** Where an agent reads a conversation: the console page and the API document. */
export function conversationLinks(conversationId: string): { transcript: string; api: string } {
  const id = encodeURIComponent(conversationId);
  return { transcript: `/console#conversation=${id}`, api: `/api/conversations/${id}` };
}

/** A new open ticket (version 1), due by its department's target for its priority, and its `created` history row. */
export function newTicket(input: CreateTicketInput, context: NewTicketContext): TicketOutcome<TicketChange> {
  const department = input.department ?? context.departments.defaultDepartment;
  if (!context.departments.enabledIds.includes(department))
    return refuse(
      'invalid_input',
      `unknown department "${department}"; known: ${context.departments.enabledIds.join(', ')}`,
    );
  const dueAt = context.departments.dueAt(department, input.priority, context.at);
  const ticket: Ticket = {
    id: context.id,
    version: 1,
    title: input.title,
    description: input.description,
    status: 'open',
    department,
    priority: input.priority,
    assigneeId: input.assigneeId,
    tags: input.tags,
    ...(input.viewer ? { viewer: input.viewer } : {}),
    ...(input.roomId !== undefined ? { roomId: input.roomId } : {}),
    ...(input.orderId !== undefined ? { orderId: input.orderId } : {}),
    ...(input.conversationId !== undefined
      ? { conversationId: input.conversationId, links: conversationLinks(input.conversationId) }
      : {}),
    ...(dueAt !== undefined ? { dueAt } : {}),
    createdAt: context.at,
    createdBy: context.actor.userId,
    updatedAt: context.at,
  };
  const { status, department: ticketDepartment, priority, assigneeId, title } = ticket;
  return {
    ok: true,
    value: {
      ticket,
      history: [
        {
          ticketId: ticket.id,
          at: context.at,
          actorId: context.actor.userId,
          ...(context.actor.name !== undefined ? { actorName: context.actor.name } : {}),
          field: 'created',
          before: null,
          after: { title, status, department: ticketDepartment, priority, assigneeId },
        },
      ],
    },
  };
}
