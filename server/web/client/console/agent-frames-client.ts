import type { z } from 'zod';
import type { AgentFrameSchema, AgentServerFrame } from '../../../realtime/agent-frames.js';

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
 * A frame from the agent channel. Only the envelope is checked: the channel builds every frame as an
 * `AgentServerFrame` (the type this page is compiled against), and pulling the schema itself into the
 * browser would make the bundle ten times larger; the console never treats any of its text as markup.
 */
export function parseAgentServerFrame(data: string): AgentServerFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !('type' in json)) return undefined;
  if (typeof json.type !== 'string' || !FRAME_TYPES.has(json.type)) return undefined;
  return json as AgentServerFrame;
}
