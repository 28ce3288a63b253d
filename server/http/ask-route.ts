import type { Hono } from 'hono';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { MAX_QUESTION_CHARS } from '../../knowledge/entry.js';
import { decisionToJson } from '../cli/format-decision.js';
import { readJsonBody } from './read-json-body.js';

export const AskRequestSchema = z.object({
  text: z.string().max(MAX_QUESTION_CHARS * 4),
  roomId: z.string().min(1).max(128).optional(),
  streamerId: z.string().min(1).max(128).optional(),
});

/** POST /api/ask: the matcher's decision with its explanation, as `livedesk ask --json` prints it. */
export function registerAskRoute(app: Hono, knowledgeBase: KnowledgeBase): void {
  app.post('/api/ask', async (context) => {
    const body = await readJsonBody(context, AskRequestSchema);
    if (!body.ok) return body.response;
    const decision = await knowledgeBase.ask(body.value.text, {
      context: { roomId: body.value.roomId, streamerId: body.value.streamerId },
      signal: context.req.raw.signal,
    });
    return context.json(decisionToJson(decision));
  });
}
