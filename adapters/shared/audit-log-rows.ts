import { z } from 'zod';
import { AuditEntrySchema, type AuditEntry, type NewAuditEntry } from '../../server/audit/audit-log.js';

/** The `audit_log` columns both stores read back alike; each adds `id` and `details` as it reads them. */
export const AuditLogColumnsSchema = z.object({
  at: z.string(),
  actor_id: z.string().nullable(),
  actor_username: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  subject: z.string().nullable(),
  address: z.string().nullable(),
});

/** A validated row with its id a number and its details parsed. */
export interface AuditLogRow extends z.infer<typeof AuditLogColumnsSchema> {
  id: number;
  details: unknown;
}

export function auditEntryOf(row: AuditLogRow): AuditEntry {
  return AuditEntrySchema.parse({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    action: row.action,
    outcome: row.outcome,
    subject: row.subject,
    address: row.address,
    details: row.details,
  });
}

/** The values of a new row, in the order (at, actor_id, actor_username, action, outcome, subject, address, details). */
export function auditLogValues(entry: NewAuditEntry, at: string): (string | null)[] {
  return [
    at,
    entry.actorId,
    entry.actorUsername,
    entry.action,
    entry.outcome,
    entry.subject ?? null,
    entry.address ?? null,
    JSON.stringify(entry.details ?? {}),
  ];
}
