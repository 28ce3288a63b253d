import type { Hono } from 'hono';
import { z } from 'zod';
import { answerFor, LocaleSchema, MAX_QUESTION_CHARS } from '../../knowledge/entry.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { MatchCandidate } from '../../knowledge/matching/match-decision.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

/** Agents, supervisors and admins answer viewers; editors have the entry list for their work. */
const SEARCHERS: readonly StaffRole[] = ['agent'];
export const MAX_KNOWLEDGE_SEARCH_RESULTS = 20;

export const KnowledgeSearchRequestSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'text may not be empty')
      .max(MAX_QUESTION_CHARS * 4),
    limit: z.number().int().min(1).max(MAX_KNOWLEDGE_SEARCH_RESULTS).default(5),
    /** Scoped entries (one room, one streamer) count only where the viewer is, as for the viewer. */
    roomId: z.string().trim().min(1).max(128).optional(),
    streamerId: z.string().trim().min(1).max(128).optional(),
    /** The language to give each question and answer in (the viewer's); else the language that matched. */
    locale: LocaleSchema.optional(),
  })
  .strict();
export type KnowledgeSearchRequest = z.infer<typeof KnowledgeSearchRequestSchema>;

export const KnowledgeSearchCandidateSchema = z.object({
  entryId: z.string(),
  question: z.string(),
  answer: z.string(),
  /** The matcher's calibrated confidence that the entry answers the text, 0..1. */
  confidence: z.number(),
  /** The language of `question` and `answer`. */
  locale: z.string(),
});
export type KnowledgeSearchCandidate = z.infer<typeof KnowledgeSearchCandidateSchema>;

export const KnowledgeSearchResponseSchema = z.object({
  /** What the matcher would do with this text for a viewer: answer, clarify or none. */
  action: z.enum(['answer', 'clarify', 'none']),
  candidates: z.array(KnowledgeSearchCandidateSchema),
});

/** A ranked candidate as the console shows it, in the asked language when the entry has it. */
export function searchCandidate(
  candidate: MatchCandidate,
  locale: string | undefined,
): KnowledgeSearchCandidate {
  const view = answerFor(candidate.entry, locale ?? candidate.matchedLocale);
  return {
    entryId: candidate.entryId,
    question: view.questions[0] ?? candidate.entryId,
    answer: view.answer,
    confidence: candidate.confidence,
    locale: view.locale,
  };
}

/**
 * POST /api/knowledge/search: the staff side of the viewer's matcher. The same `ask` (synonyms, pinyin,
 * typos, cross-language glosses), so an agent finds what a viewer's question would have found.
 */
export function registerKnowledgeSearchRoute(
  app: Hono,
  options: { knowledgeBase: KnowledgeBase; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const searchers = requireStaff(options.auth, SEARCHERS);
  app.post('/api/knowledge/search', searchers, async (context) => {
    const body = await readJsonBody(context, KnowledgeSearchRequestSchema);
    if (!body.ok) return body.response;
    const { text, limit, roomId, streamerId, locale } = body.value;
    const decision = await options.knowledgeBase.ask(text, {
      context: { roomId, streamerId },
      signal: context.req.raw.signal,
    });
    return context.json({
      action: decision.action,
      candidates: decision.candidates.slice(0, limit).map((candidate) => searchCandidate(candidate, locale)),
    });
  });
  registry.add({
    method: 'post',
    path: '/api/knowledge/search',
    summary:
      "Search the knowledge base the way a viewer's question is matched: entries ranked by the matcher, each with its confidence",
    tag: 'knowledge',
    auth: SEARCHERS,
    body: KnowledgeSearchRequestSchema,
    responses: {
      200: { description: 'Candidates, best first', schema: KnowledgeSearchResponseSchema },
    },
  });
}
