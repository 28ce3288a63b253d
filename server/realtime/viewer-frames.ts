import { z } from 'zod';
import { SatisfactionScoreSchema } from '../../engine/conversation/conversation-event-schema.js';
import { DisputeFormValuesSchema } from '../../engine/disputes/dispute-facts.js';
import { LocaleSchema } from '../../knowledge/entry.js';
import { createFrameParser, type ParsedFrame } from './frame-parser.js';
import { ViewerEventSchema } from './viewer-event.js';
import {
  SpeechAudioFrameSchema,
  SpeechEndFrameSchema,
  SpeechMarkFrameSchema,
  VoiceActivityFrameSchema,
  VoiceHeardFrameSchema,
  VoiceStartedFrameSchema,
  VoiceStartFrameSchema,
  VoiceStopFrameSchema,
} from '../voice/voice-frames.js';

/** The longest text a viewer may send in one message or transcript. */
export const MAX_VIEWER_TEXT_CHARS = 1000;

const IdSchema = z.string().trim().min(1).max(128);
const ClientMessageIdSchema = z.string().trim().min(1).max(64);
const ViewerTextSchema = z
  .string()
  .max(MAX_VIEWER_TEXT_CHARS, `text is limited to ${MAX_VIEWER_TEXT_CHARS} characters`);

/**
 * The first frame. Who the viewer is (id, room, tier) comes from the signed `token`
 * (`POST /api/viewer/session`), never from the client; `locale` and `displayName` are preferences.
 */
export const JoinFrameSchema = z.object({
  type: z.literal('join'),
  token: z.string().min(1).max(4096),
  /** Resume this conversation (from an earlier `joined` frame). */
  conversationId: IdSchema.optional(),
  /** The last persisted `sequence` the client saw; the events after it are sent again. */
  lastSequence: z.number().int().min(0).optional(),
  locale: LocaleSchema.optional(),
  displayName: z.string().trim().min(1).max(64).optional(),
});
export type JoinFrame = z.infer<typeof JoinFrameSchema>;

/**
 * Frames a viewer's client sends. `clientMessageId` on a message or final transcript asks for an
 * `ack` once the message is committed to the log.
 */
export const ViewerFrameSchema = z.discriminatedUnion('type', [
  JoinFrameSchema,
  z.object({
    type: z.literal('message'),
    text: ViewerTextSchema.trim().min(1, 'text must not be empty'),
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  z.object({
    type: z.literal('voice-transcript'),
    text: ViewerTextSchema,
    final: z.boolean(),
    durationMs: z.number().int().min(0).max(600_000).optional(),
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  z.object({
    type: z.literal('playback'),
    state: z.enum(['speaking', 'done']),
    uninterruptible: z.boolean().optional(),
    playedChars: z.number().int().min(0).optional(),
  }),
  /** The answer to a `satisfaction-request`. */
  z.object({
    type: z.literal('rate'),
    score: SatisfactionScoreSchema,
    comment: z.string().trim().max(MAX_VIEWER_TEXT_CHARS).optional(),
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  /**
   * A filled dispute form (a `dispute-form` event's `formId`). `clientMessageId` is required: a resend
   * with it is answered with the same `ack` and files nothing twice.
   */
  z.object({
    type: z.literal('dispute-submit'),
    formId: IdSchema,
    clientMessageId: ClientMessageIdSchema,
    values: DisputeFormValuesSchema.refine((values) => Object.keys(values).length <= 20, 'at most 20 fields'),
  }),
  z.object({ type: z.literal('ping') }),
  /** Streamed voice (server/voice/voice-frames.ts): binary PCM16LE messages follow `voice-start`. */
  VoiceStartFrameSchema,
  VoiceStopFrameSchema,
]);
export type ViewerFrame = z.infer<typeof ViewerFrameSchema>;

export const ViewerErrorCodeSchema = z.enum([
  'invalid_json',
  'invalid_frame',
  'unknown_type',
  'unauthenticated',
  'not_joined',
  'already_joined',
  'forbidden',
  'conflict',
  'rate_limited',
  /** The node cannot store messages now (its database or Redis is unreachable): nothing was taken; resend. */
  'unavailable',
  /** `voice-start` on a server without speech to text: the client hides its microphone. */
  'voice_unavailable',
  'internal',
]);
export type ViewerErrorCode = z.infer<typeof ViewerErrorCodeSchema>;

/** Frames the server sends to a viewer. */
export const ViewerServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('joined'),
    conversationId: z.string(),
    state: z.enum(['ai', 'pending_human', 'human', 'closed']),
  }),
  /**
   * `sequence`: the event's place in the conversation's log; absent for streamed text and queue
   * positions, which are not stored. Internal events are never sent and some are reduced (ViewerEventSchema).
   */
  z.object({
    type: z.literal('event'),
    sequence: z.number().int().positive().optional(),
    event: ViewerEventSchema,
  }),
  /** The frame with this `clientMessageId` is committed; `sequence`: its event's place in the log. */
  z.object({
    type: z.literal('ack'),
    clientMessageId: z.string(),
    sequence: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('error'),
    code: ViewerErrorCodeSchema,
    message: z.string(),
    clientMessageId: z.string().optional(),
  }),
  z.object({ type: z.literal('pong') }),
  VoiceStartedFrameSchema,
  VoiceActivityFrameSchema,
  VoiceHeardFrameSchema,
  /** Followed by one binary message with the audio. */
  SpeechAudioFrameSchema,
  SpeechMarkFrameSchema,
  SpeechEndFrameSchema,
]);
export type ViewerServerFrame = z.infer<typeof ViewerServerFrameSchema>;

export type ParsedViewerFrame = ParsedFrame<ViewerFrame>;

/** Validates one incoming viewer frame. */
export const parseViewerFrame: (raw: string) => ParsedViewerFrame = createFrameParser(ViewerFrameSchema);
