import type { Locale } from '../../knowledge/entry.js';
import type { TranscriptLine, ViewerProfile } from '../conversation/transcript.js';
import type { EscalationReason, Priority } from '../policy/escalation-policy.js';
import type { LiveContext } from '../ports.js';

/** One thing the AI tried: the question, the entries it used and what it actually said. */
export interface AiAttempt {
  turnId: string;
  question: string;
  entryIds: string[];
  confidence: number;
  said: string;
}

/** Everything an agent needs to take over without asking the viewer to repeat themselves. */
export interface HandoffPacket {
  conversationId: string;
  createdAt: string;
  reasons: EscalationReason[];
  details: string[];
  priority: Priority;
  team: string;
  summary: { text: string; source: 'llm' | 'extractive' };
  /** Anger score per viewer turn, oldest first, and its direction. */
  sentiment: { angerByTurn: number[]; trend: 'rising' | 'steady' | 'falling' };
  aiAttempts: AiAttempt[];
  viewer: ViewerProfile & { locale: Locale };
  liveContext: LiveContext;
  /** Masked for privacy. */
  transcript: TranscriptLine[];
}
