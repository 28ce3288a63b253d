import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { TicketDepartmentSchema, type TicketDepartment } from '../../engine/tickets/ticket-department.js';
import type { TicketDepartmentStore } from '../../engine/tickets/ticket-department-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const BodyRowSchema = z.object({ body: z.string() });

/** Ticket departments in the shared SQLite file; moving the default is one transaction. */
export function createSqliteTicketDepartmentStore(options: { database: Database }): TicketDepartmentStore {
  const { database } = options;
  const upsert = database.prepare(
    `INSERT INTO ticket_departments (department_id, position, is_default, updated_at, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (department_id) DO UPDATE SET position = excluded.position, is_default = excluded.is_default,
       updated_at = excluded.updated_at, body = excluded.body`,
  );
  const clearDefault = database.prepare(
    `UPDATE ticket_departments SET is_default = 0, body = json_set(body, '$.isDefault', json('false'))
     WHERE is_default = 1 AND department_id <> ?`,
  );
  const selectAll = database.prepare<[], unknown>(
    'SELECT body FROM ticket_departments ORDER BY position, department_id',
  );
  const count = database.prepare<[], { total: number }>('SELECT count(*) AS total FROM ticket_departments');

  const write = (department: TicketDepartment): void => {
    const parsed = TicketDepartmentSchema.parse(department);
    if (parsed.isDefault) clearDefault.run(parsed.id);
    upsert.run(
      parsed.id,
      parsed.position,
      parsed.isDefault ? 1 : 0,
      parsed.updatedAt,
      JSON.stringify(parsed),
    );
  };
  const put = database.transaction(write);
  const seed = database.transaction((departments: readonly TicketDepartment[]): number => {
    if (count.get()!.total > 0) return 0;
    for (const department of departments) write(department);
    return departments.length;
  });

  return {
    list: () => run(() => selectAll.all().map(parse)),
    put: (department) => run(() => put.immediate(department)),
    seed: (departments) => run(() => seed.immediate(departments)),
  };
}

/** A row that does not parse is a corrupted file: an error, never a wrong department. */
function parse(row: unknown): TicketDepartment {
  return TicketDepartmentSchema.parse(JSON.parse(BodyRowSchema.parse(row).body));
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
