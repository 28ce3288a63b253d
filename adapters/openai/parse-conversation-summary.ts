import { z } from 'zod';
import type { ConversationSummary } from '../../engine/ports.js';
import { LivedeskError } from '../../knowledge/errors.js';

export const ConversationSummarySchema = z.object({
  summary: z.string().trim().min(1).max(2_000),
  viewerGoal: z.string().trim().min(1).max(500),
  triedEntryIds: z.array(z.string()).max(50).default([]),
  sentiment: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(['positive', 'neutral', 'negative', 'angry']),
  ),
});

/**
 * Reads the model's JSON summary: a code fence around it is tolerated, anything else that is not
 * the checked shape throws 'unavailable' (the engine then uses its extractive summary). Entry ids
 * the caller did not list are dropped: a model can invent them, a viewer can plant them.
 */
export function parseConversationSummary(
  content: string,
  options: { where: string; knownEntryIds: readonly string[] },
): ConversationSummary {
  const fail = (problem: string, cause?: unknown): LivedeskError =>
    new LivedeskError('unavailable', `${options.where} ${problem}`, { cause });
  const json = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/u.exec(content)?.[1] ?? content;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw fail('answered with a summary that is not JSON', error);
  }
  const parsed = ConversationSummarySchema.safeParse(value);
  if (!parsed.success)
    throw fail(`answered with a summary of the wrong shape (${z.prettifyError(parsed.error)})`);
  const known = new Set(options.knownEntryIds);
  return {
    ...parsed.data,
    triedEntryIds: [...new Set(parsed.data.triedEntryIds)].filter((id) => known.has(id)),
  };
}
