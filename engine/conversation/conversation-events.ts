import type { HandoffPacket } from '../handoff/handoff-packet.js';
import type { TopicOption } from '../turn/turn-events.js';
import type { ConversationState } from './conversation-state.js';

export type TurnEndReason = 'done' | 'interrupted' | 'error';

/** Everything a conversation tells the outside world, viewer and desk alike, in order. */
export type ConversationEvent =
  | { type: 'turn-start'; turnId: string; question: string }
  | { type: 'text-delta'; turnId: string; text: string; uninterruptible: boolean }
  | { type: 'answer-source'; turnId: string; entryIds: string[]; composer: 'llm' | 'entry' }
  | { type: 'clarify'; turnId: string; options: TopicOption[] }
  | { type: 'decline'; turnId: string; closestTopics: TopicOption[] }
  | { type: 'handoff'; turnId: string; packet: HandoffPacket }
  /** `delivered`: what the viewer actually got (for voice, what was played) before the end. */
  | { type: 'turn-end'; turnId: string; reason: TurnEndReason; delivered: string }
  /** The client must stop speaking now; a `speech-resume` may follow if it was a false alarm. */
  | { type: 'speech-stop'; turnId: string }
  | { type: 'speech-resume'; turnId: string }
  | { type: 'state-change'; from: ConversationState; to: ConversationState; reason: string; at: string }
  | { type: 'viewer-message'; text: string; channel: 'text' | 'voice'; at: string }
  | { type: 'agent-message'; agentId: string; text: string; at: string };
