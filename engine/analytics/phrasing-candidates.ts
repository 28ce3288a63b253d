import type { ConversationEvent } from '../conversation/conversation-events.js';
import { questionKey } from './knowledge-gaps.js';

/** A viewer's wording proposed as a new phrasing of the entry an agent answered it with. */
export interface PhrasingCandidate {
  conversationId: string;
  entryId: string;
  question: string;
  /** The viewer's locale, when the conversation named one. */
  locale?: string | undefined;
  agentId: string;
  /** Log sequence of the agent message that used the entry. */
  sequence: number;
  at: string;
}

export interface SequencedEvent {
  sequence: number;
  at: string;
  event: ConversationEvent;
}

/**
 * Handoff reasons whose triggering words are a question about something: the AI did not recognise it, or
 * the viewer had to repeat it. A handoff that also asks for a person, or follows anger or a sensitive
 * topic, is triggered by words that are not a phrasing of anything ("a person, please!").
 */
export const QUESTION_ESCALATION_REASONS: readonly string[] = ['low_confidence', 'repetition'];

function escalatedOnAQuestion(reasons: readonly string[]): boolean {
  return reasons.length > 0 && reasons.every((reason) => QUESTION_ESCALATION_REASONS.includes(reason));
}

/** Shorter wordings ("?", "hi") teach the matcher nothing. */
const MIN_KEY_CHARS = 2;
const MAX_QUESTION_CHARS = 500;

/**
 * The learning loop's rule. When an agent answers from the knowledge base (an `agent-message` with
 * `entryIds`) in a conversation that went to people, the viewer's questions the AI could not answer in
 * that stretch are proposed as phrasings of each entry used: the questions of turns the AI declined or
 * asked to clarify, and the question of the escalating turn when the handoff was only for low confidence
 * or repetition. A question is proposed at most once per entry per conversation and only for the first
 * knowledge answer after it; a hand-back or reopen (back to the AI) starts afresh.
 */
export function phrasingCandidates(
  conversationId: string,
  events: readonly SequencedEvent[],
): PhrasingCandidate[] {
  const candidates: PhrasingCandidate[] = [];
  const questionsByTurn = new Map<string, string>();
  let pending: string[] = [];
  let withPeople = false;
  let locale: string | undefined;
  const proposed = new Set<string>();
  const addPending = (turnId: string): void => {
    const question = questionsByTurn.get(turnId)?.replace(/\s+/g, ' ').trim();
    if (question === undefined || question.length > MAX_QUESTION_CHARS) return;
    if (questionKey(question).length < MIN_KEY_CHARS) return;
    if (!pending.some((known) => questionKey(known) === questionKey(question))) pending.push(question);
  };
  for (const { sequence, at, event } of events) {
    switch (event.type) {
      case 'conversation-opened':
        locale = event.profile.locale;
        break;
      case 'turn-start':
        questionsByTurn.set(event.turnId, event.question);
        break;
      case 'decline':
      case 'clarify':
        addPending(event.turnId);
        break;
      case 'handoff':
        withPeople = true;
        if (escalatedOnAQuestion(event.packet.reasons)) addPending(event.turnId);
        break;
      case 'state-change':
        if (event.to === 'pending_human') withPeople = true;
        else if (event.to === 'ai') {
          withPeople = false;
          pending = [];
        }
        break;
      case 'agent-message': {
        const entryIds = event.entryIds ?? [];
        if (!withPeople || entryIds.length === 0) break;
        for (const entryId of entryIds) {
          for (const question of pending) {
            const key = `${entryId}\u0000${questionKey(question)}`;
            if (proposed.has(key)) continue;
            proposed.add(key);
            candidates.push({
              conversationId,
              entryId,
              question,
              locale,
              agentId: event.agentId,
              sequence,
              at,
            });
          }
        }
        // Answered: later entries answer later questions.
        pending = [];
        break;
      }
      default:
        break;
    }
  }
  return candidates;
}
