import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { MatchOptions } from '../../knowledge/matching/matcher.js';
import type { KnowledgeAnswerer } from './turn-context.js';

/**
 * Asks the knowledge base the turn's question. A question made of several messages (a viewer who wrote
 * again before the answer came) is asked whole first; when that finds no clear answer, the newest
 * message is asked alone, since people restate or replace their question there ("算了，我忘记密码了怎么办").
 */
export async function askQuestion(
  knowledge: KnowledgeAnswerer,
  question: string,
  options: MatchOptions,
): Promise<MatchDecision> {
  const whole = await knowledge.ask(question, options);
  if (whole.action === 'answer') return whole;
  const newest = question.slice(question.lastIndexOf('\n') + 1);
  if (newest === question || newest.trim() === '') return whole;
  const alone = await knowledge.ask(newest, options);
  return alone.action === 'answer' ? alone : whole;
}
