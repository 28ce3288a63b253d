import { z } from 'zod';
import type { ConversationSummary } from '../../engine/ports.js';
import { parseModelJson } from './parse-model-json.js';

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
  const summary = parseModelJson(content, ConversationSummarySchema, {
    where: options.where,
    what: 'summary',
  });
  const known = new Set(options.knownEntryIds);
  return {
    ...summary,
    triedEntryIds: [...new Set(summary.triedEntryIds)].filter((id) => known.has(id)),
  };
}
