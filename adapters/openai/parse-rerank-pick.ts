import { z } from 'zod';
import type { RerankPick } from '../../knowledge/reranking/candidate-reranker.js';
import { parseModelJson } from './parse-model-json.js';

export const RerankPickSchema = z.object({
  // Models write "none", "" or "null" for "no candidate"; any other text is an id, checked by the caller.
  id: z.preprocess(
    (value) =>
      typeof value === 'string' && ['', 'none', 'null'].includes(value.trim().toLowerCase()) ? null : value,
    z.string().trim().min(1).max(128).nullable(),
  ),
  confidence: z.number().min(0).max(1),
});

/**
 * Reads the model's pick: a code fence around it is tolerated; anything that is not JSON or not the
 * checked shape throws 'unavailable', and the matcher's own decision stands.
 */
export function parseRerankPick(content: string, options: { where: string }): RerankPick {
  const { id, confidence } = parseModelJson(content, RerankPickSchema, {
    where: options.where,
    what: 'pick',
  });
  return { entryId: id, confidence };
}
