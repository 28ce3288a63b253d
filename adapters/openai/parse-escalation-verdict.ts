import { z } from 'zod';
import type { EscalationVerdict, SensitiveCategoryName } from '../../engine/ports.js';
import { parseModelJson } from './parse-model-json.js';

/** The categories the judge may name: the escalation policy's (engine/policy/escalation-policy-config.ts). */
export const JUDGE_SENSITIVE_CATEGORIES = [
  'safety',
  'minor_spending',
  'off_platform_payment',
  'fraud',
  'harassment',
  'large_dispute',
] as const satisfies readonly SensitiveCategoryName[];

// Fails to compile when the port names a category this list lacks.
type Unlisted = Exclude<SensitiveCategoryName, (typeof JUDGE_SENSITIVE_CATEGORIES)[number]>;
const _everyCategoryListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** BCP-47-ish: "en", "zh-Hans", "zh-Hant-TW", "yue". */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/iu;

export const EscalationVerdictSchema = z.object({
  wantsPerson: z.boolean(),
  anger: z.number().min(0).max(1),
  // Models write "none" or "" for "no category"; anything else must be one of ours.
  sensitive: z.preprocess(
    (value) =>
      typeof value === 'string'
        ? ['', 'none', 'null'].includes(value.trim().toLowerCase())
          ? null
          : value.trim().toLowerCase()
        : value,
    z.enum(JUDGE_SENSITIVE_CATEGORIES).nullable(),
  ),
  // Informative only (the policy never reads it), so an odd tag is dropped rather than failing the verdict.
  language: z.string().trim().regex(LANGUAGE_TAG).nullable().catch(null),
});

/**
 * Reads the model's JSON verdict: a code fence around it is tolerated; anything that is not JSON or not
 * the checked shape throws 'unavailable', and the turn goes on with the offline signals.
 */
export function parseEscalationVerdict(content: string, options: { where: string }): EscalationVerdict {
  return parseModelJson(content, EscalationVerdictSchema, { where: options.where, what: 'verdict' });
}
