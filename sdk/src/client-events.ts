import type { LivedeskError } from './errors.js';
import type { ConversationState, ViewerEvent } from './protocol.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What `client.events()` yields. */
export type LivedeskEvent =
  /** The socket's state; `reconnecting` after a drop, until the next `joined`. */
  | { type: 'connection'; state: ConnectionState }
  /**
   * In a conversation. `resumed`: the same one as before the drop (what was missed follows, replayed);
   * otherwise a new one (the first, or after the old one was refused).
   */
  | { type: 'joined'; conversationId: string; state: ConversationState; resumed: boolean }
  /**
   * A conversation event. `sequence`: its place in the conversation's log (absent for streamed text and
   * queue positions, which are not stored); each stored event comes once, across reconnects.
   */
  | { type: 'event'; sequence: number | undefined; event: ViewerEvent }
  /**
   * The assistant's answer so far: after every streamed piece (`final` false) and once at the end of
   * the turn with the whole text as delivered (`final` true; also for answers replayed from history).
   */
  | {
      type: 'answer';
      turnId: string;
      text: string;
      final: boolean;
      reason?: 'done' | 'interrupted' | 'error' | undefined;
    }
  /** The assistant is composing an answer (from the turn's start to its end). */
  | { type: 'typing'; who: 'assistant'; turnId: string; active: boolean }
  /**
   * The agent who has the conversation is typing a reply. Ends (`active` false) when they stop, when their
   * message arrives, when the conversation leaves them, or after `AGENT_TYPING_TIMEOUT_MS` without news
   * (their console repeats it every few seconds while they type). Check `who` before reading `turnId`.
   */
  | { type: 'typing'; who: 'agent'; active: boolean }
  /** The message with this id is stored; `sequence`: its place in the log. */
  | { type: 'ack'; clientMessageId: string; sequence: number | undefined }
  /** Something went wrong; with `clientMessageId`, that message was not taken (it will not be resent). */
  | { type: 'error'; error: LivedeskError; clientMessageId?: string | undefined };
