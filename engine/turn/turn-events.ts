import type { HandoffPacket } from '../handoff/handoff-packet.js';

export interface TopicOption {
  entryId: string;
  question: string;
}

/** What one turn produces, in order. The conversation decides which of it reaches the viewer. */
export type TurnEvent =
  | { type: 'text-delta'; text: string; uninterruptible: boolean }
  | { type: 'answer-source'; entryIds: string[]; composer: 'llm' | 'entry' }
  | { type: 'clarify'; options: TopicOption[] }
  | { type: 'decline'; closestTopics: TopicOption[] }
  | { type: 'handoff'; packet: HandoffPacket }
  | { type: 'turn-outcome'; answered: boolean; entryIds: string[]; confidence: number; anger: number };
