import type { SequencedEvent } from '../../engine/analytics/phrasing-candidates.js';

/** An agent message that cites knowledge entries: where the learning loop looks. */
export interface KnowledgeAnswer {
  eventId: number;
  conversationId: string;
  sequence: number;
}

/** The event log as the learning loop reads it: new knowledge answers, then their conversations. */
export interface LearningSource {
  /** Agent messages with `entryIds` stored after `afterEventId`, oldest first. */
  knowledgeAnswersSince(afterEventId: number, limit: number): Promise<KnowledgeAnswer[]>;
  /** A conversation's events up to and including `throughSequence`, validated. */
  conversationEvents(conversationId: string, throughSequence: number): Promise<SequencedEvent[]>;
  /** The newest event id in the log (0 when empty). */
  latestEventId(): Promise<number>;
}
