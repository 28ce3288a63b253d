/**
 * The viewer channel's wire format (`/ws/viewer`), as the server defines it in
 * server/realtime/viewer-frames.ts and viewer-event.ts. Written out here so the package stands alone;
 * sdk/test/protocol-compat.test.ts fails the build if the two drift apart.
 */

import type { DisputeFormEvent, DisputeSubmitFrame, DisputeUpdateEvent } from './dispute-protocol.js';

export type ConversationState = 'ai' | 'pending_human' | 'human' | 'closed';

export interface Topic {
  entryId: string;
  question: string;
}

/** The conversation events a viewer may see (an allow-list on the server). */
export type ViewerEvent =
  | {
      type: 'conversation-opened';
      profile: {
        viewerId: string;
        tier: 'regular' | 'vip';
        displayName?: string | undefined;
        locale?: string | undefined;
      };
      liveContext: { roomId?: string | undefined; productInView?: string | undefined };
      at: string;
    }
  | { type: 'turn-start'; turnId: string; question: string }
  | { type: 'text-delta'; turnId: string; text: string; uninterruptible: boolean }
  | { type: 'answer-source'; turnId: string; entryIds: string[]; composer: 'llm' | 'entry' }
  | { type: 'clarify'; turnId: string; options: Topic[] }
  | { type: 'decline'; turnId: string; closestTopics: Topic[] }
  | { type: 'handoff'; turnId: string }
  | { type: 'turn-end'; turnId: string; reason: 'done' | 'interrupted' | 'error'; delivered: string }
  | { type: 'speech-stop'; turnId: string }
  | { type: 'speech-resume'; turnId: string }
  | { type: 'state-change'; from: ConversationState; to: ConversationState; at: string }
  | {
      type: 'viewer-message';
      text: string;
      channel: 'text' | 'voice';
      at: string;
      clientMessageId?: string | undefined;
    }
  /** `original`: the agent's own words when `text` is their translation into the viewer's language. */
  | {
      type: 'agent-message';
      agentId: string;
      text: string;
      at: string;
      entryIds?: string[] | undefined;
      original?: string | undefined;
    }
  | {
      type: 'system-message';
      kind: 'welcome' | 'auto-reply' | 'notice';
      text: string;
      ruleId?: string | undefined;
      at: string;
    }
  | {
      type: 'queue-status';
      /** 1: next in line; 0: an agent is being asked now. */
      position: number;
      estimatedWaitMs: number | null;
      agentsOnline: number;
      /** How long the place is kept if the viewer leaves; null: for good. */
      placeKeptMs: number | null;
      at: string;
    }
  | { type: 'satisfaction-request'; at: string }
  | { type: 'satisfaction'; score: number; comment?: string | undefined; at: string }
  /** The agent with the conversation is typing (`active`), or stopped; not stored (no `sequence`). */
  | { type: 'agent-typing'; active: boolean }
  /** A person took the conversation: their id (as on their messages) and their name, when the server gives it. */
  | { type: 'agent-joined'; agentId: string; agentName?: string | undefined; at: string }
  /**
   * A picture, sticker, voice clip or file in the conversation. `url` (and `thumbUrl` for pictures and
   * stickers) are signed addresses good for about ten minutes; `GET /api/media/{mediaId}/url` gives new ones.
   * What a voice clip was heard to say (with speech to text configured) follows as a voice `viewer-message`
   * whose `clientMessageId` is `media:<messageId>`.
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
      at: string;
      url?: string | undefined;
      thumbUrl?: string | undefined;
    }
  | DisputeFormEvent
  | DisputeUpdateEvent;

export type ViewerErrorCode =
  | 'invalid_json'
  | 'invalid_frame'
  | 'unknown_type'
  | 'unauthenticated'
  | 'not_joined'
  | 'already_joined'
  | 'forbidden'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  /** `voice-start` on a server without speech to text. */
  | 'voice_unavailable'
  | 'internal';

/** Frames the server sends. */
export type ServerFrame =
  | { type: 'joined'; conversationId: string; state: ConversationState }
  | { type: 'event'; sequence?: number | undefined; event: ViewerEvent }
  | { type: 'ack'; clientMessageId: string; sequence?: number | undefined }
  | { type: 'error'; code: ViewerErrorCode; message: string; clientMessageId?: string | undefined }
  | { type: 'pong' }
  | VoiceServerFrame;

/**
 * Streamed voice frames (server/voice/voice-frames.ts). The SDK does not capture or play audio; a client
 * that does reads these itself (a `speech-audio` frame is followed by one binary message of PCM16LE).
 */
export type VoiceServerFrame =
  | { type: 'voice-started'; sampleRate: 16000; output: boolean }
  | { type: 'voice-activity'; state: 'speech-start' | 'speech-end' | 'misfire' }
  | { type: 'voice-heard'; text: string; final: boolean }
  | {
      type: 'speech-audio';
      turnId: string;
      seq: number;
      sampleRate: number;
      encoding: 'pcm16';
      bytes: number;
      start: number;
      end: number;
      uninterruptible: boolean;
    }
  | { type: 'speech-mark'; turnId: string; chars: number }
  | { type: 'speech-end'; turnId: string; chars: number; reason: 'done' | 'stopped' | 'failed' };

/** Frames the SDK sends. */
export type ClientFrame =
  | {
      type: 'join';
      token: string;
      conversationId?: string;
      lastSequence?: number;
      locale?: string;
      displayName?: string;
    }
  | { type: 'message'; text: string; clientMessageId?: string }
  | { type: 'rate'; score: 1 | 2 | 3 | 4 | 5; comment?: string; clientMessageId?: string }
  | DisputeSubmitFrame
  | { type: 'ping' };

const SERVER_FRAME_TYPES: ReadonlySet<string> = new Set(['joined', 'event', 'ack', 'error', 'pong']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * One frame from the server, or undefined for anything that is not one. The envelope and the fields the
 * SDK acts on are checked; a schema library would be most of the widget's weight, and no text is ever
 * treated as markup.
 */
export function parseServerFrame(data: string): ServerFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(json) || typeof json.type !== 'string' || !SERVER_FRAME_TYPES.has(json.type))
    return undefined;
  const sequenceOk =
    json.sequence === undefined || (Number.isInteger(json.sequence) && Number(json.sequence) > 0);
  switch (json.type) {
    case 'joined':
      return typeof json.conversationId === 'string' && typeof json.state === 'string'
        ? (json as ServerFrame)
        : undefined;
    case 'event':
      return sequenceOk && isRecord(json.event) && typeof json.event.type === 'string'
        ? (json as ServerFrame)
        : undefined;
    case 'ack':
      return sequenceOk && typeof json.clientMessageId === 'string' ? (json as ServerFrame) : undefined;
    case 'error':
      return typeof json.code === 'string' && typeof json.message === 'string'
        ? (json as ServerFrame)
        : undefined;
    default:
      return json as ServerFrame;
  }
}

/** Every viewer event type this SDK knows; the server sends no other. */
export const VIEWER_EVENT_TYPES: readonly ViewerEvent['type'][] = [
  'conversation-opened',
  'turn-start',
  'text-delta',
  'answer-source',
  'clarify',
  'decline',
  'handoff',
  'turn-end',
  'speech-stop',
  'speech-resume',
  'state-change',
  'viewer-message',
  'agent-message',
  'system-message',
  'queue-status',
  'satisfaction-request',
  'satisfaction',
  'agent-typing',
  'agent-joined',
  'media-message',
  'dispute-form',
  'dispute-update',
];
