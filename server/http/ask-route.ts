import type { Hono } from 'hono';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { MAX_QUESTION_CHARS } from '../../knowledge/entry.js';
import { DecisionThresholdsSchema } from '../../knowledge/matching/matcher-config.js';
import { decisionToJson } from '../cli/format-decision.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';

export const AskRequestSchema = z.object({
  text: z.string().max(MAX_QUESTION_CHARS * 4),
  roomId: z.string().min(1).max(128).optional(),
  streamerId: z.string().min(1).max(128).optional(),
});

const CandidateSchema = z.object({
  entryId: z.string(),
  matchedLocale: z.string(),
  confidence: z.number(),
  scores: z.object({
    fused: z.number(),
    prototype: z.number(),
    nearestPhrasing: z.number(),
    lexical: z.number(),
    gloss: z.number().optional(),
  }),
  explanation: z.object({
    nearestPhrasing: z.object({ text: z.string(), similarity: z.number() }).optional(),
    sharedTerms: z.array(z.string()),
  }),
  answer: z.string(),
});

/** The shape `decisionToJson` writes; documentation only, the handler does not parse its own output. */
const AskResponseSchema = z.object({
  action: z.enum(['answer', 'clarify', 'none']),
  confidence: z.number(),
  margin: z.number(),
  reason: z.string(),
  best: CandidateSchema.nullable(),
  candidates: z.array(CandidateSchema),
  query: z.object({
    text: z.string(),
    normalized: z.string(),
    language: z.string(),
    terms: z.array(z.string()),
  }),
  thresholds: DecisionThresholdsSchema,
});

/** POST /api/ask: the matcher's decision with its explanation, as `livedesk ask --json` prints it. */
export function registerAskRoute(app: Hono, knowledgeBase: KnowledgeBase, registry: ApiRegistry): void {
  app.post('/api/ask', async (context) => {
    const body = await readJsonBody(context, AskRequestSchema);
    if (!body.ok) return body.response;
    const decision = await knowledgeBase.ask(body.value.text, {
      context: { roomId: body.value.roomId, streamerId: body.value.streamerId },
      signal: context.req.raw.signal,
    });
    return context.json(decisionToJson(decision));
  });
  registry.add({
    method: 'post',
    path: '/api/ask',
    summary: "Match a viewer's question against the knowledge base, with the explanation",
    tag: 'matching',
    body: AskRequestSchema,
    responses: { 200: { description: 'The decision', schema: AskResponseSchema } },
  });
}
