import { describe, expect, it } from 'vitest';
import { newTicket } from './new-ticket.js';
import { departmentRules, TicketDepartmentInputSchema, type TicketDepartment } from './ticket-department.js';
import type { TicketDepartmentStore } from './ticket-department-store.js';
import { TicketDepartments } from './ticket-departments.js';
import { AGENT, DEPARTMENT_RULES, TICKET_DEPARTMENTS } from './ticket-test-fixtures.js';

function memoryStore(
  initial: readonly TicketDepartment[],
): TicketDepartmentStore & { rows: TicketDepartment[] } {
  const rows = initial.map((department) => ({ ...department }));
  return {
    rows,
    list: () =>
      Promise.resolve([...rows].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))),
    put(department) {
      if (department.isDefault) for (const row of rows) row.isDefault = false;
      const index = rows.findIndex((row) => row.id === department.id);
      if (index >= 0) rows[index] = department;
      else rows.push(department);
      return Promise.resolve();
    },
    seed(departments) {
      if (rows.length > 0) return Promise.resolve(0);
      rows.push(...departments);
      return Promise.resolve(departments.length);
    },
  };
}

const clock = () => new Date('2026-06-01T12:00:00.000Z');
const input = (fields: Record<string, unknown> = {}) =>
  TicketDepartmentInputSchema.parse({
    names: { zh: '直播间运营', en: 'Live ops' },
    responseMinutes: { urgent: 15, high: 60, normal: 240, low: 1440 },
    ...fields,
  });

describe('ticket departments', () => {
  it('dates a new ticket by its department’s response time for its priority', () => {
    const made = newTicket(
      {
        title: 'Parcel lost',
        description: '',
        department: 'logistics',
        priority: 'high',
        assigneeId: null,
        tags: [],
      },
      { id: 'T-9', actor: AGENT, at: '2026-06-01T12:00:00.000Z', departments: DEPARTMENT_RULES },
    );
    expect(made).toMatchObject({ ok: true, value: { ticket: { dueAt: '2026-06-01T20:00:00.000Z' } } });
  });

  it('takes tickets only into enabled departments, and defaults to the flagged one', () => {
    const rules = departmentRules(
      TICKET_DEPARTMENTS.map((department) =>
        department.id === 'tech' ? { ...department, enabled: false } : department,
      ),
    );
    expect(rules.enabledIds).toEqual(['general', 'finance', 'logistics', 'after-sales']);
    expect(rules.defaultDepartment).toBe('general');
    // A disabled department's tickets still get their due time from its targets.
    expect(rules.dueAt('tech', 'urgent', '2026-06-01T12:00:00.000Z')).toBe('2026-06-01T12:30:00.000Z');
    expect(rules.dueAt('marketing', 'urgent', '2026-06-01T12:00:00.000Z')).toBeUndefined();
  });

  it('refuses response times where a more urgent priority waits longer', () => {
    const parsed = TicketDepartmentInputSchema.safeParse({
      names: { zh: '运营', en: 'Ops' },
      responseMinutes: { urgent: 600, high: 60, normal: 240, low: 1440 },
    });
    expect(parsed.success).toBe(false);
  });

  it('adds a department and moves the default to it, keeping exactly one default', async () => {
    const store = memoryStore(TICKET_DEPARTMENTS);
    const departments = new TicketDepartments({ store, clock });
    const added = await departments.put('live-ops', input({ isDefault: true, position: 5 }), 'admin');
    expect(added).toMatchObject({
      ok: true,
      value: { created: true, department: { id: 'live-ops', updatedBy: 'admin' } },
    });
    expect(store.rows.filter((row) => row.isDefault).map((row) => row.id)).toEqual(['live-ops']);
    expect((await departments.rules()).defaultDepartment).toBe('live-ops');
  });

  it('refuses to disable the default or to take the default flag away without a new default', async () => {
    const store = memoryStore(TICKET_DEPARTMENTS);
    const departments = new TicketDepartments({ store, clock });
    expect(
      await departments.put('general', input({ isDefault: true, enabled: false }), 'admin'),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    expect(await departments.put('general', input({ isDefault: false }), 'admin')).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message: expect.stringContaining('make another department the default first') as unknown,
    });
    expect(store.rows.find((row) => row.id === 'general')?.names.en).toBe('General');
  });
});
