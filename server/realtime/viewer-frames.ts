import { z } from 'zod';
import { SatisfactionScoreSchema } from '../../engine/conversation/conversation-event-schema.js';
import { LocaleSchema } from '../../knowledge/entry.js';
import { ViewerEventSchema } from './viewer-event.js';

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
  z.object({ type: z.literal('ping') }),
]);
export type ViewerFrame = z.infer<typeof ViewerFrameSchema>;

const VIEWER_FRAME_TYPES: ReadonlySet<string> = new Set([
  'join',
  'message',
  'voice-transcript',
  'playback',
  'rate',
  'ping',
]);

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
]);
export type ViewerServerFrame = z.infer<typeof ViewerServerFrameSchema>;

export type ParsedViewerFrame =
  | { ok: true; frame: ViewerFrame }
  | { ok: false; code: 'invalid_json' | 'invalid_frame' | 'unknown_type'; message: string };

/** Validates one incoming frame; the message names what is wrong without echoing the viewer's text. */
export function parseViewerFrame(raw: string): ParsedViewerFrame {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'invalid_json', message: 'the frame is not JSON' };
  }
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  if (typeof type !== 'string' || !VIEWER_FRAME_TYPES.has(type)) {
    return {
      ok: false,
      code: 'unknown_type',
      message: `unknown frame type; expected one of ${[...VIEWER_FRAME_TYPES].join(', ')}`,
    };
  }
  const parsed = ViewerFrameSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'frame'}: ${issue.message}`,
    );
    return { ok: false, code: 'invalid_frame', message: problems.join('; ') };
  }
  return { ok: true, frame: parsed.data };
}
