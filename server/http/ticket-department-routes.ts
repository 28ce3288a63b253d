import type { Hono } from 'hono';
import { z } from 'zod';
import type { TicketDepartments } from '../../engine/tickets/ticket-departments.js';
import {
  TicketDepartmentInputSchema,
  TicketDepartmentSchema,
} from '../../engine/tickets/ticket-department.js';
import { DepartmentSchema } from '../../engine/tickets/ticket.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import { readParam, refusalResponse } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

/** Whoever works tickets reads the departments; admins decide them. */
const READERS: readonly StaffRole[] = ['agent'];
const WRITERS: readonly StaffRole[] = ['admin'];
const tag = 'tickets';

const DepartmentResponseSchema = z.object({ department: TicketDepartmentSchema });

/** Ticket departments and their response times: operator data behind GET (staff) and PUT (admins). */
export function registerTicketDepartmentRoutes(
  app: Hono,
  options: { departments: TicketDepartments; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { departments } = options;
  const readers = requireStaff(options.auth, READERS);
  const writers = requireStaff(options.auth, WRITERS);

  app.get('/api/ticket-departments', readers, async (context) =>
    context.json({ departments: await departments.list() }),
  );
  registry.add({
    method: 'get',
    path: '/api/ticket-departments',
    summary:
      'Every ticket department (disabled ones too, for the tickets they still hold), by position, with names in Chinese and English and response minutes per priority',
    tag,
    auth: READERS,
    responses: {
      200: {
        description: 'The departments',
        schema: z.object({ departments: z.array(TicketDepartmentSchema) }),
      },
    },
  });

  app.put('/api/ticket-departments/:id', writers, async (context) => {
    const id = readParam(context, 'id', DepartmentSchema);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, TicketDepartmentInputSchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    const stored = await departments.put(id.value, body.value, principal.username ?? principal.userId);
    if (!stored.ok) return refusalResponse(context, stored);
    return context.json({ department: stored.value.department }, stored.value.created ? 201 : 200);
  });
  registry.add({
    method: 'put',
    path: '/api/ticket-departments/:id',
    summary:
      'Create or change a ticket department: names, response minutes per priority (urgent ≤ high ≤ normal ≤ low), enabled, default, position. New and re-routed tickets are due by these targets',
    tag,
    auth: WRITERS,
    body: TicketDepartmentInputSchema,
    responses: {
      200: { description: 'Changed', schema: DepartmentResponseSchema },
      201: { description: 'Created', schema: DepartmentResponseSchema },
      400: { description: 'Bad input, or a change that would leave no enabled default department' },
    },
  });
}
