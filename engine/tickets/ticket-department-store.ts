import type { TicketDepartment } from './ticket-department.js';

/** Where the ticket departments are kept: operator data, not code. */
export interface TicketDepartmentStore {
  /** Every department, enabled or not, by position, then id. */
  list(): Promise<TicketDepartment[]>;
  /** Creates or replaces `department.id`; a new default clears the old one in the same write. */
  put(department: TicketDepartment): Promise<void>;
  /** Writes `departments` only into an empty store; resolves how many were written. */
  seed(departments: readonly TicketDepartment[]): Promise<number>;
}
