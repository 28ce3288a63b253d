import { readFile } from 'node:fs/promises';
import {
  DEFAULT_DISPUTE_POLICY,
  DisputePolicySchema,
  type DisputePolicy,
} from '../../engine/disputes/dispute-policy.js';
import { LivedeskError } from '../../knowledge/errors.js';

/** A policy document checked with its schema; every problem named with its path. */
export function parseDisputePolicy(text: string, origin: string): DisputePolicy {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new LivedeskError('invalid_input', `${origin}: not valid JSON`);
  }
  const parsed = DisputePolicySchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.') || '(top)'}: ${issue.message}`)
      .join('\n');
    throw new LivedeskError('invalid_input', `${origin}: invalid dispute policy:\n${problems}`);
  }
  return parsed.data;
}

/** LIVEDESK_DISPUTE_POLICY_FILE, read once at start (a bad file stops start-up); absent: the defaults. */
export async function loadDisputePolicy(file: string | undefined): Promise<DisputePolicy> {
  if (file === undefined) return DEFAULT_DISPUTE_POLICY;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LivedeskError('invalid_input', `LIVEDESK_DISPUTE_POLICY_FILE ${file} cannot be read`, {
      cause: error,
    });
  }
  return parseDisputePolicy(text, `LIVEDESK_DISPUTE_POLICY_FILE ${file}`);
}
