import * as z from 'zod/mini';
import type { AgentFrameSchema, AgentServerFrame } from '../../server/realtime/agent-frames.js';

export type { AgentServerFrame };

/** What the console sends on `/ws/agent`: the server's own frame schema, before defaults. */
export type AgentClientFrame = z.input<typeof AgentFrameSchema>;

type FrameOf<T extends AgentServerFrame['type']> = Extract<AgentServerFrame, { type: T }>;

/** The wire forms (JSON leaves optional fields out), as the console receives them. */
export type HeldStatus = FrameOf<'assignment'>['status'];
export type ConversationView = FrameOf<'assignment'>['conversation'];
export type PacketView = ConversationView['packet'];
export type QueueSnapshotView = FrameOf<'queue'>['snapshot'];
export type AgentViewWire = QueueSnapshotView['agents'][number];
export type ConversationEventView = FrameOf<'event'>['event'];

const SlaSchema = z.object({
  kind: z.nullable(z.enum(['first-response', 'next-response'])),
  dueAt: z.nullable(z.string()),
  breached: z.boolean(),
});
export type SlaView = z.infer<typeof SlaSchema>;

/**
 * Fields of queue entries and conversation views that newer desks send (names, why a lane, response
 * due times, offer deadlines). Each is read on its own and dropped when missing or malformed, so an older
 * server, or one bad field, never breaks the console: it falls back to ids and leaves the rest out.
 */
export interface DeskExtras {
  viewerName?: string;
  /** `viewerName` is the viewer's own choice, shown as such. */
  viewerSelfNamed?: boolean;
  agentName?: string;
  laneReasons?: string[];
  sla?: SlaView;
  offerExpiresAt?: string;
  flagged?: boolean;
}

const EXTRA_FIELDS = {
  viewerName: z.string(),
  viewerSelfNamed: z.boolean(),
  agentName: z.string(),
  laneReasons: z.array(z.string()),
  sla: SlaSchema,
  offerExpiresAt: z.string(),
  flagged: z.boolean(),
} as const;

export function deskExtras(value: unknown): DeskExtras {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const extras: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(EXTRA_FIELDS)) {
    const parsed = schema.safeParse(record[name]);
    if (parsed.success) extras[name] = parsed.data;
  }
  return extras;
}

/** Something the desk wants the agent to notice (set Away after missed offers, an offer lapsed). */
const NoticeFrameSchema = z.object({
  type: z.literal('notice'),
  code: z.string(),
  conversationId: z.optional(z.string()),
  missedOffers: z.optional(z.number()),
  message: z.optional(z.string()),
});
export type NoticeFrame = z.infer<typeof NoticeFrameSchema>;

/** Frames the console handles: the server's, with `notice` checked field by field. */
export type ConsoleServerFrame = Exclude<AgentServerFrame, { type: 'notice' }> | NoticeFrame;

const FRAME_TYPES: ReadonlySet<string> = new Set([
  'authenticated',
  'queue',
  'assignment',
  'released',
  'event',
  'ack',
  'error',
  'pong',
]);

/**
 * A frame from the agent channel. Only the envelope is checked for the frames the console has always
 * had: the channel builds every frame as an `AgentServerFrame` (the type this page is compiled against),
 * and pulling the schema itself into the browser would make the bundle ten times larger; the console
 * never treats any of its text as markup. `notice` frames are checked in full; unknown types are dropped.
 */
export function parseAgentServerFrame(data: string): ConsoleServerFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !('type' in json)) return undefined;
  if (json.type === 'notice') {
    const notice = NoticeFrameSchema.safeParse(json);
    return notice.success ? notice.data : undefined;
  }
  if (typeof json.type !== 'string' || !FRAME_TYPES.has(json.type)) return undefined;
  return json as ConsoleServerFrame;
}
