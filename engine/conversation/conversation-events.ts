import type { DeskEvent } from '../desk/desk-events.js';
import type { DisputeOffer, DisputeUpdate } from '../disputes/dispute-events.js';
import type { HandoffPacket } from '../handoff/handoff-packet.js';
import type { LiveContext } from '../ports.js';
import type { TopicOption } from '../turn/turn-events.js';
import type { ConversationState } from './conversation-state.js';
import type { ViewerProfile } from './transcript.js';

export type TurnEndReason = 'done' | 'interrupted' | 'error';

/** Words the product itself says to the viewer: the queue welcome, an auto-reply, a notice. */
export type SystemMessageKind = 'welcome' | 'auto-reply' | 'notice';

/** Everything a conversation tells the outside world, viewer and desk alike, in order. */
export type ConversationEvent =
  | { type: 'turn-start'; turnId: string; question: string }
  | { type: 'text-delta'; turnId: string; text: string; uninterruptible: boolean }
  | { type: 'answer-source'; turnId: string; entryIds: string[]; composer: 'llm' | 'entry' }
  | { type: 'clarify'; turnId: string; options: TopicOption[] }
  | { type: 'decline'; turnId: string; closestTopics: TopicOption[] }
  | { type: 'handoff'; turnId: string; packet: HandoffPacket }
  /**
   * Recorded only, never for the viewer: how a finished turn went, as the escalation policy needs it
   * after a restart (the anger trend, unanswered turns, what the AI tried). `said`: all the turn's text.
   */
  | {
      type: 'turn-outcome';
      turnId: string;
      answered: boolean;
      entryIds: string[];
      confidence: number;
      anger: number;
      said: string;
    }
  /** Recorded only, never for the viewer: the viewer spoke over a finished answer and heard only `heard`. */
  | { type: 'answer-cut'; turnId: string; heard: string }
  /** `delivered`: what the viewer actually got (for voice, what was played) before the end. */
  | { type: 'turn-end'; turnId: string; reason: TurnEndReason; delivered: string }
  /** The client must stop speaking now; a `speech-resume` may follow if it was a false alarm. */
  | { type: 'speech-stop'; turnId: string }
  | { type: 'speech-resume'; turnId: string }
  | { type: 'state-change'; from: ConversationState; to: ConversationState; reason: string; at: string }
  /** `clientMessageId`: the client's id for the message, so a resent one is recognised (and stored once). */
  | {
      type: 'viewer-message';
      text: string;
      channel: 'text' | 'voice';
      at: string;
      clientMessageId?: string | undefined;
    }
  /**
   * An image, sticker, voice clip or file the viewer or an agent sent (issue 17): the record's facts, never
   * its bytes or a link (links are signed when the event is sent: server/media/). What a voice clip says
   * follows as a voice `viewer-message` whose `clientMessageId` is `media:<messageId>`. `spokenTurn`: this is
   * the recording of a viewer's spoken turn (streamed voice), the voice `viewer-message` stored at that
   * sequence; such recordings are for staff, not sent back to the viewer.
   */
  | {
      type: 'media-message';
      messageId: string;
      by: 'viewer' | 'agent';
      agentId?: string | undefined;
      mediaId: string;
      kind: 'image' | 'sticker' | 'voice' | 'file';
      mime: string;
      bytes: number;
      width?: number | undefined;
      height?: number | undefined;
      durationMs?: number | undefined;
      name?: string | undefined;
      spokenTurn?: number | undefined;
      at: string;
    }
  /**
   * `entryIds`: knowledge entries the agent answered with (from the console's search), if any.
   * `clientMessageId`: the console's id for the reply, so a resent one is recognised (and stored once).
   */
  | {
      type: 'agent-message';
      agentId: string;
      text: string;
      at: string;
      entryIds?: string[] | undefined;
      clientMessageId?: string | undefined;
      /** The reply in the viewer's language, which the viewer is sent (`text` stays the agent's original). */
      translation?: MessageTranslation | undefined;
      /** The viewer's language the reply could not be translated into: it was sent as written. */
      untranslatedTo?: string | undefined;
    }
  /**
   * For agents only: the viewer message stored at `sequence`, translated into the agents' language (it
   * follows the message, which is never held back for it).
   */
  | { type: 'message-translation'; sequence: number; language: string; text: string; at: string }
  /** The first event of every conversation: who the viewer is and where they are watching. */
  | { type: 'conversation-opened'; profile: ViewerProfile; liveContext: LiveContext; at: string }
  | {
      type: 'system-message';
      kind: SystemMessageKind;
      text: string;
      /** The auto-reply rule that fired. */
      ruleId?: string | undefined;
      at: string;
    }
  /**
   * Where the viewer stands in the queue; live only (not stored), sent again whenever it changes.
   * `position` 1 is next in line, 0 an agent is being asked now; `agentsOnline` counts online agents who
   * could take it (0: nobody who could help is here); `placeKeptMs` how long the place is kept if the
   * viewer leaves (null: for good).
   */
  | {
      type: 'queue-status';
      position: number;
      estimatedWaitMs: number | null;
      agentsOnline: number;
      placeKeptMs: number | null;
      at: string;
    }
  /**
   * The agent holding the conversation is typing a reply (`active`), or stopped; live only (not stored),
   * like streamed text: the console repeats it every few seconds while keys are pressed.
   */
  | { type: 'agent-typing'; agentId: string; active: boolean; at: string }
  /** The desk's record for this conversation (queued, assigned, accepted, transferred, released). */
  | { type: 'desk'; event: DeskEvent }
  /** After closing: the viewer is asked for a score. */
  | { type: 'satisfaction-request'; at: string }
  /** Recorded only, never for the viewer: the platform updated where the viewer is watching (the whole new context). */
  | { type: 'live-context'; liveContext: LiveContext; at: string }
  /**
   * Recorded only, never for the viewer: something the platform did (a refund), posted through the inbound
   * API; `agentText` is an internal note for agents. A `viewerText` also reaches the viewer, as a notice.
   */
  | {
      type: 'platform-event';
      platformId: string;
      eventType: string;
      agentText: string;
      viewerText?: string | undefined;
      at: string;
    }
  | { type: 'satisfaction'; score: number; comment?: string | undefined; at: string }
  /** A guided dispute form offered after an entry that starts one (engine/disputes/). */
  | ({ type: 'dispute-form' } & DisputeOffer)
  /** A dispute submitted, or its ticket moved; `reasons` are for agents only. */
  | ({ type: 'dispute-update' } & DisputeUpdate);

/** A message's translation: into which language, and the words. */
export interface MessageTranslation {
  language: string;
  text: string;
}
