import {
  departmentRules,
  type DepartmentRules,
  type TicketDepartment,
  type TicketDepartmentInput,
} from './ticket-department.js';
import type { TicketDepartmentStore } from './ticket-department-store.js';
import { refuse, type TicketOutcome } from './ticket-outcome.js';

/**
 * The departments tickets move between, with their response targets, over a store. Keeps the rules a
 * working desk needs: one default, and the default takes tickets.
 */
export class TicketDepartments {
  private readonly store: TicketDepartmentStore;
  private readonly clock: () => Date;

  constructor(options: { store: TicketDepartmentStore; clock: () => Date }) {
    this.store = options.store;
    this.clock = options.clock;
  }

  list(): Promise<TicketDepartment[]> {
    return this.store.list();
  }

  async rules(): Promise<DepartmentRules> {
    return departmentRules(await this.store.list());
  }

  /** Creates or replaces a department; `created` tells which. */
  async put(
    id: string,
    input: TicketDepartmentInput,
    actor: string,
  ): Promise<TicketOutcome<{ department: TicketDepartment; created: boolean }>> {
    const current = await this.store.list();
    const existing = current.find((department) => department.id === id);
    // The first department of an empty store is the default whatever the input says.
    const isDefault = input.isDefault || current.length === 0;
    if (isDefault && !input.enabled) return refuse('invalid_input', 'the default department must be enabled');
    if (existing?.isDefault && !input.isDefault)
      return refuse(
        'invalid_input',
        `${id} is the default department: make another department the default first`,
      );
    const department: TicketDepartment = {
      ...input,
      isDefault,
      id,
      updatedAt: this.clock().toISOString(),
      updatedBy: actor,
    };
    await this.store.put(department);
    return { ok: true, value: { department, created: existing === undefined } };
  }
}
