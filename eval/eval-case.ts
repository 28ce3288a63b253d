import { z } from 'zod';
import { LocaleSchema } from '../knowledge/entry.js';

/**
 * One labelled viewer question (../shared/DESIGN.md "Formats"). Fields this schema does not name
 * (`kind`, notes) are dropped, so case files may carry their own bookkeeping.
 */
export const EvalCaseSchema = z.object({
  text: z.string().trim().min(1, 'text may not be empty'),
  /** The entry that should answer, or null when none should (out of scope). */
  expected: z.string().min(1, 'expected: an entry id or null').nullable(),
  /** Whether a person should take over this message (scored through the escalation policy). */
  escalate: z.boolean().optional(),
  /** Why: match, oos, anger, human_request, sensitive, ... (the escalation report groups by it). */
  reason: z.string().min(1).optional(),
  /** The viewer's tier for the escalation policy; regular when absent. */
  tier: z.enum(['regular', 'vip']).optional(),
  locale: LocaleSchema.optional(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;
