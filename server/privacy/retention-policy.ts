import { z } from 'zod';

/**
 * How long closed conversations and tickets are kept, and what happens after: `delete` removes them,
 * `anonymise` keeps their shape (counts, times, outcomes for analytics) without the viewer. 0 days keeps
 * them for ever. Read from LIVEDESK_RETENTION_* (server/config.ts).
 */
export const RetentionPolicySchema = z.object({
  conversationsDays: z.number().int().min(0).max(36_500),
  ticketsDays: z.number().int().min(0).max(36_500),
  mode: z.enum(['delete', 'anonymise']),
  /** How often one node applies it; the first run starts at once. */
  intervalMs: z
    .number()
    .int()
    .min(60_000)
    .max(7 * 86_400_000),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

/** The environment variables, as config.ts's schema reads them. */
export const RETENTION_ENV = {
  LIVEDESK_RETENTION_DAYS_CONVERSATIONS: z.coerce.number().int().min(0).max(36_500).default(0),
  LIVEDESK_RETENTION_DAYS_TICKETS: z.coerce.number().int().min(0).max(36_500).default(0),
  LIVEDESK_RETENTION_MODE: z.enum(['delete', 'anonymise']).default('anonymise'),
  LIVEDESK_RETENTION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(7 * 86_400_000)
    .default(6 * 3_600_000),
};
