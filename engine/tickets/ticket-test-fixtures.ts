import { DEFAULT_TICKET_DEPARTMENTS, departmentRules } from './ticket-department.js';
import type { Ticket, TicketActor } from './ticket.js';

export const TICKET_DEPARTMENTS = DEFAULT_TICKET_DEPARTMENTS.map((department) => ({
  ...department,
  updatedAt: '2026-06-01T00:00:00.000Z',
  updatedBy: 'seed',
}));
export const DEPARTMENT_RULES = departmentRules(TICKET_DEPARTMENTS);
export const AGENT: TicketActor = { userId: 'u-agent', name: 'Ana', supervisor: false };
export const SUPERVISOR: TicketActor = { userId: 'u-super', name: 'Sam', supervisor: true };

export function ticketFixture(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'T-1',
    version: 3,
    title: 'Coins missing after top-up',
    description: 'Paid 50 yuan, no coins',
    status: 'open',
    department: 'general',
    priority: 'normal',
    assigneeId: null,
    tags: [],
    createdAt: '2026-06-01T10:00:00.000Z',
    createdBy: 'u-agent',
    updatedAt: '2026-06-01T10:00:00.000Z',
    ...overrides,
  };
}
