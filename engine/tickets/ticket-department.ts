import { z } from 'zod';
import { DepartmentSchema, type TicketPriority } from './ticket.js';

const MINUTES_PER_DAY = 24 * 60;
/** A target longer than a month is no target at all. */
const MAX_RESPONSE_MINUTES = 31 * MINUTES_PER_DAY;

const ResponseMinutesSchema = z.number().int().min(1).max(MAX_RESPONSE_MINUTES);

/** How soon a department answers a ticket of each priority, in minutes from when it got the ticket. */
export const ResponseMinutesByPrioritySchema = z
  .object({
    low: ResponseMinutesSchema,
    normal: ResponseMinutesSchema,
    high: ResponseMinutesSchema,
    urgent: ResponseMinutesSchema,
  })
  .strict()
  .refine(
    (times) => times.urgent <= times.high && times.high <= times.normal && times.normal <= times.low,
    'a more urgent priority may not have a longer response time (urgent ≤ high ≤ normal ≤ low)',
  );
export type ResponseMinutesByPriority = z.infer<typeof ResponseMinutesByPrioritySchema>;

const DisplayNameSchema = z.string().trim().min(1, 'a name may not be empty').max(64);

/** A department as an admin writes it; the id is the path's. */
export const TicketDepartmentInputSchema = z
  .object({
    /** What the console shows, per UI language. */
    names: z.object({ zh: DisplayNameSchema, en: DisplayNameSchema }).strict(),
    responseMinutes: ResponseMinutesByPrioritySchema,
    /** A disabled department takes no new tickets; the tickets it has keep it. */
    enabled: z.boolean().default(true),
    /** Where a ticket goes when nobody names a department; exactly one department is the default. */
    isDefault: z.boolean().default(false),
    /** Order in the console's lists; lower first. */
    position: z.number().int().min(0).max(10_000).default(100),
  })
  .strict();
export type TicketDepartmentInput = z.infer<typeof TicketDepartmentInputSchema>;

export const TicketDepartmentSchema = TicketDepartmentInputSchema.extend({
  id: DepartmentSchema,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TicketDepartment = z.infer<typeof TicketDepartmentSchema>;

/** What a fresh install starts with; operators change them through the API. */
export const DEFAULT_TICKET_DEPARTMENTS: readonly Omit<TicketDepartment, 'updatedAt' | 'updatedBy'>[] = [
  {
    id: 'general',
    names: { zh: '综合', en: 'General' },
    responseMinutes: { urgent: 60, high: 240, normal: MINUTES_PER_DAY, low: 3 * MINUTES_PER_DAY },
    enabled: true,
    isDefault: true,
    position: 10,
  },
  {
    id: 'finance',
    names: { zh: '财务', en: 'Finance' },
    responseMinutes: { urgent: 60, high: 240, normal: MINUTES_PER_DAY, low: 2 * MINUTES_PER_DAY },
    enabled: true,
    isDefault: false,
    position: 20,
  },
  {
    id: 'logistics',
    names: { zh: '物流', en: 'Logistics' },
    responseMinutes: { urgent: 120, high: 480, normal: MINUTES_PER_DAY, low: 3 * MINUTES_PER_DAY },
    enabled: true,
    isDefault: false,
    position: 30,
  },
  {
    id: 'tech',
    names: { zh: '技术', en: 'Tech support' },
    responseMinutes: { urgent: 30, high: 120, normal: 720, low: 2 * MINUTES_PER_DAY },
    enabled: true,
    isDefault: false,
    position: 40,
  },
  {
    id: 'after-sales',
    names: { zh: '售后', en: 'After-sales' },
    responseMinutes: { urgent: 120, high: 480, normal: 2 * MINUTES_PER_DAY, low: 3 * MINUTES_PER_DAY },
    enabled: true,
    isDefault: false,
    position: 50,
  },
];

/** The departments as the ticket workflow checks them: which take tickets, the default, the targets. */
export interface DepartmentRules {
  /** Departments that take new tickets and handovers, in list order. */
  enabledIds: readonly string[];
  defaultDepartment: string;
  /** When a ticket of `priority` that `department` got at `fromIso` is due; undefined for an unknown department. */
  dueAt(department: string, priority: TicketPriority, fromIso: string): string | undefined;
}

/** Rules from the stored departments (in list order). */
export function departmentRules(departments: readonly TicketDepartment[]): DepartmentRules {
  const enabled = departments.filter((department) => department.enabled);
  const byId = new Map(departments.map((department) => [department.id, department]));
  return {
    enabledIds: enabled.map((department) => department.id),
    defaultDepartment: enabled.find((department) => department.isDefault)?.id ?? enabled[0]?.id ?? 'general',
    dueAt(department, priority, fromIso) {
      const minutes = byId.get(department)?.responseMinutes[priority];
      const from = Date.parse(fromIso);
      if (minutes === undefined || Number.isNaN(from)) return undefined;
      return new Date(from + minutes * 60_000).toISOString();
    },
  };
}
