import { z } from 'zod';

/** Actions are dotted names, area first (`auth.login`, `knowledge.entry.save`), so one area filters as a prefix. */
export const AuditActionSchema = z
  .string()
  .regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)*$/, 'action: dotted lower-case words, e.g. auth.login');

export const AuditOutcomeSchema = z.enum(['success', 'failure', 'refused']);

/** One staff action, as recorded: who, what, to what, from where, with what result. */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  /** The signed-in account; null for an anonymous caller (a sign-in attempt). */
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: AuditActionSchema,
  outcome: AuditOutcomeSchema,
  /** What the action was on: an account, entry, conversation, the username tried at sign-in. */
  subject: z.string().nullable(),
  /** The client address, as the rate limits see it. */
  address: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'details' | 'subject' | 'address'> & {
  subject?: string | null | undefined;
  address?: string | null | undefined;
  details?: Record<string, unknown> | undefined;
};

export const AuditQuerySchema = z.strictObject({
  /** An account id or username. */
  actor: z.string().trim().min(1).max(128).optional(),
  /** An exact action, or an area: `knowledge` matches every `knowledge.*` action. */
  action: AuditActionSchema.optional(),
  outcome: AuditOutcomeSchema.optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  /** Entries older than this id, for the next page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/**
 * The audit trail of staff actions: append-only, newest first on query. `record` returns at once (the action
 * it describes has already happened); a store that writes later keeps the order entries were recorded in.
 */
export interface AuditLog {
  record(entry: NewAuditEntry): void;
  /** Sees every entry recorded on this node before the call. */
  query(filter: AuditQuery): Promise<AuditEntry[]>;
  /** Resolves once every entry recorded before the call is stored, or reported as lost (tests, shutdown). */
  flush(): Promise<void>;
  /**
   * Deletes the entries recorded before `olderThan` (the retention period), a batch at a time so neither the
   * event loop nor the database is held long; resolves to how many went. Stops between batches on abort.
   */
  prune(olderThan: Date, options?: { signal?: AbortSignal | undefined }): Promise<number>;
}

/** Entries deleted per statement when pruning. */
export const AUDIT_PRUNE_BATCH = 1000;
