import type { TicketDepartments } from '../../engine/tickets/ticket-departments.js';

/** The demo shop's tickets about stock go to a warehouse department: added once, if absent. */
export async function ensureWarehouseDepartment(departments: TicketDepartments): Promise<void> {
  const existing = await departments.list();
  if (existing.some((department) => department.id === 'warehouse')) return;
  await departments.put(
    'warehouse',
    {
      names: { zh: '仓储', en: 'Warehouse' },
      responseMinutes: { urgent: 60, high: 240, normal: 1440, low: 2880 },
      enabled: true,
      isDefault: false,
      position: 60,
    },
    'demo-seed',
  );
}
