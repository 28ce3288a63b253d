import type {
  ConversationTimeline,
  DeskStep,
  KeyEventType,
} from '../../engine/analytics/conversation-timeline.js';
import type { GapWording } from '../../engine/analytics/knowledge-gaps.js';

/** Conversations opened in [from, to), in a room and scenario when given. */
export interface ConversationScope {
  from: string;
  to: string;
  roomId?: string | undefined;
  scenario?: string | undefined;
}

/** What a metric reads: the cheapest timelines that still give it the right answer. */
export interface TimelineRequest extends ConversationScope {
  /** Fill `firstViewerMessageAt` and `firstAiAnswerAt`. */
  firstMessages: boolean;
  /** Fill `lastViewerMessageAt` and `lastAnswerAt`. */
  lastMessages?: boolean | undefined;
  keyEvents: readonly KeyEventType[];
  /** `to-human`: only state changes into `human` (default all). */
  stateChanges?: 'all' | 'to-human' | undefined;
  /** The desk steps to read (default all but `assigned`). */
  deskSteps?: readonly DeskStep['kind'][] | undefined;
  /** Only conversations with a key event of this type (the count still covers all in scope). */
  onlyWith?: KeyEventType | undefined;
}

export interface TimelineRead {
  /** Conversations in scope, including any left out by `onlyWith`. */
  conversations: number;
  timelines: ConversationTimeline[];
}

export interface GapRequest extends ConversationScope {
  /** At most this many wordings, most asked first. */
  limit: number;
}

/** Reads the event log for analytics (SQLite or PostgreSQL), through the indexes of migration 5. */
export interface AnalyticsReader {
  timelines(request: TimelineRequest): Promise<TimelineRead>;
  /**
   * Questions the AI had no confident answer for, asked in [from, to), counted by exact wording. A turn
   * counts once (a question asked back and then handed off is one question), as its first signal.
   */
  gapWordings(request: GapRequest): Promise<GapWording[]>;
}
