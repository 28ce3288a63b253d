import type { ConversationView, HeldStatus } from './agent-frames-client.js';
import { TranscriptLog } from './transcript-log.js';
import type { NoteContext } from './transcript-notes.js';

/** A conversation the console follows: one offered to or held by this agent, or one a supervisor watches. */
export interface HeldConversation {
  conversationId: string;
  /** `watching`: a supervisor looking at someone else's; `released`: closed or handed back, kept for reading. */
  status: HeldStatus | 'watching' | 'released';
  /** The desk's record with the handoff packet; absent for a queued conversation a supervisor watches. */
  view: ConversationView | undefined;
  log: TranscriptLog;
  /** Messages from the viewer since it was last on screen. */
  unread: number;
  releasedReason?: string;
  /** This agent took it (accepted it): a released one they only declined or let lapse is no longer theirs to read. */
  taken?: boolean;
  watched: boolean;
}

export function newHeldConversation(
  conversationId: string,
  status: HeldConversation['status'],
  view: ConversationView | undefined,
  notes: NoteContext,
): HeldConversation {
  const log = new TranscriptLog(notes);
  if (view) log.showPacket(view.packet.transcript);
  return { conversationId, status, view, log, unread: 0, watched: false, taken: status === 'active' };
}
