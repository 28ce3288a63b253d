import { z } from 'zod';
import { TeamSchema } from '../policy/escalation-policy-config.js';
import { DepartmentSchema, TicketPrioritySchema, type TicketPriority } from '../tickets/ticket.js';
import type { DisputeFacts } from './dispute-facts.js';
import type { DisputeKind } from './dispute-form.js';

const DAY_MS = 24 * 60 * 60_000;

const KindPolicySchema = z
  .object({
    /** A disabled kind offers no form: its entries answer as written. */
    enabled: z.boolean().default(true),
    /** Days after the payment within which finance settles it alone; absent: the policy's `windowDays`. */
    windowDays: z.number().int().min(1).max(3650).optional(),
    /** Above this amount a person decides; absent: no limit. */
    maxAmount: z.number().positive().max(1_000_000).optional(),
    /** Every such dispute goes to a person (minors' spending). */
    alwaysPerson: z.boolean().default(false),
    priority: TicketPrioritySchema.default('normal'),
  })
  .strict();

/**
 * What operators decide about disputes (`LIVEDESK_DISPUTE_POLICY_FILE`, JSON). The defaults suit the demo:
 * a 7-day window, gift refunds up to ¥500 and top-ups up to ¥5,000 settled by finance alone, minors'
 * spending always to a person.
 */
export const DisputePolicySchema = z
  .object({
    /** The department dispute tickets go to; its response times are the SLA. */
    department: DepartmentSchema.default('finance'),
    /** The desk team a conversation goes to when a person must decide. */
    team: TeamSchema.default('finance'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'currency: an ISO 4217 code such as CNY')
      .default('CNY'),
    windowDays: z.number().int().min(1).max(3650).default(7),
    kinds: z
      .object({
        'gift-refund': KindPolicySchema.default({
          enabled: true,
          maxAmount: 500,
          alwaysPerson: false,
          priority: 'normal',
        }),
        'top-up-missing': KindPolicySchema.default({
          enabled: true,
          maxAmount: 5000,
          alwaysPerson: false,
          priority: 'high',
        }),
        'minor-spending': KindPolicySchema.default({
          enabled: true,
          windowDays: 90,
          alwaysPerson: true,
          priority: 'high',
        }),
      })
      .strict()
      .default({
        'gift-refund': { enabled: true, maxAmount: 500, alwaysPerson: false, priority: 'normal' },
        'top-up-missing': { enabled: true, maxAmount: 5000, alwaysPerson: false, priority: 'high' },
        'minor-spending': { enabled: true, windowDays: 90, alwaysPerson: true, priority: 'high' },
      }),
  })
  .strict();
export type DisputePolicy = z.infer<typeof DisputePolicySchema>;

/** Why a person, not finance alone, must settle a dispute. */
export type DisputePolicyReason = 'always-person' | 'over-limit' | 'outside-window';

export interface DisputeDecision {
  /** `finance`: a ticket for the finance team; `person`: the ticket, and the conversation escalated too. */
  handling: 'finance' | 'person';
  reasons: DisputePolicyReason[];
  department: string;
  priority: TicketPriority;
}

/** The operator's rules applied to one dispute's facts. Pure: `now` is the moment it was submitted. */
export function evaluateDisputePolicy(input: {
  kind: DisputeKind;
  facts: DisputeFacts;
  policy: DisputePolicy;
  now: Date;
}): DisputeDecision {
  const { kind, facts, policy, now } = input;
  const rules = policy.kinds[kind];
  const reasons: DisputePolicyReason[] = [];
  if (rules.alwaysPerson) reasons.push('always-person');
  if (rules.maxAmount !== undefined && facts.amount > rules.maxAmount) reasons.push('over-limit');
  const windowMs = (rules.windowDays ?? policy.windowDays) * DAY_MS;
  if (now.getTime() - Date.parse(facts.occurredAt) > windowMs) reasons.push('outside-window');
  return {
    handling: reasons.length > 0 ? 'person' : 'finance',
    reasons,
    department: policy.department,
    priority: rules.priority,
  };
}

/** The policy with every default filled in: what runs when no file is configured. */
export const DEFAULT_DISPUTE_POLICY: DisputePolicy = DisputePolicySchema.parse({});
