import { z } from 'zod';

export const TeamSchema = z.string().min(1).max(64);

export const EscalationPolicyConfigSchema = z.object({
  /**
   * Anger the signal detector flags (its per-language threshold) always escalates; a rising trend
   * escalates from this lower score, and an upset viewer without an answer gets a person at once.
   */
  risingAngerThreshold: z.number().min(0).max(1),
  /** Unanswered turns in a row (no confident match) after which the viewer gets a person. */
  unansweredTurnsBeforeEscalation: z.number().int().min(1).max(10),
  /** Sensitive categories that always go to a person, with the team that takes them. */
  sensitiveTeams: z.record(z.string(), TeamSchema),
  /** Sensitive categories on which the AI never improvises, even with a confident match. */
  noImprovisation: z.array(z.string()),
  teams: z.object({ general: TeamSchema, complaints: TeamSchema, supervisor: TeamSchema, vip: TeamSchema }),
  /** VIP viewers reach a person after this many unanswered turns instead. */
  vipUnansweredTurnsBeforeEscalation: z.number().int().min(1).max(10),
  /** Sensitive categories answered with care and the hotline, never from the knowledge base. */
  safetyCategories: z.array(z.string()),
});
export type EscalationPolicyConfig = z.infer<typeof EscalationPolicyConfigSchema>;

const BASE: EscalationPolicyConfig = {
  risingAngerThreshold: 0.4,
  unansweredTurnsBeforeEscalation: 2,
  vipUnansweredTurnsBeforeEscalation: 1,
  sensitiveTeams: {
    safety: 'supervisor',
    minor_spending: 'finance',
    off_platform_payment: 'trust-safety',
    fraud: 'trust-safety',
    harassment: 'trust-safety',
    large_dispute: 'finance',
  },
  noImprovisation: [
    'safety',
    'minor_spending',
    'off_platform_payment',
    'fraud',
    'harassment',
    'large_dispute',
  ],
  safetyCategories: ['safety'],
  teams: { general: 'support', complaints: 'complaints', supervisor: 'supervisor', vip: 'vip-care' },
};

/** Presets per kind of platform: what hurts most there reaches a person soonest. */
export const POLICY_PRESETS: Record<'show' | 'commerce' | 'social', EscalationPolicyConfig> = {
  // Gifts and top-ups: money disputes and minors' spending matter most.
  show: BASE,
  // Orders, shipping and returns go to the order team; disputed payments to finance.
  commerce: { ...BASE, teams: { ...BASE.teams, general: 'orders' } },
  // 1-on-1: anger is a warning sign sooner (harassment and off-platform payment reach trust & safety in
  // every preset).
  social: {
    ...BASE,
    risingAngerThreshold: 0.3,
  },
};
