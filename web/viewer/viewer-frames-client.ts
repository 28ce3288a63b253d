import type { z } from 'zod';
import type { ViewerFrameSchema, ViewerServerFrame } from '../../server/realtime/viewer-frames.js';

/** What the viewer page sends on `/ws/viewer`: the server's own frame schema, before defaults. */
export type ViewerClientFrame = z.input<typeof ViewerFrameSchema>;

const SERVER_FRAME_TYPES: ReadonlySet<string> = new Set([
  'joined',
  'event',
  'ack',
  'error',
  'pong',
  // Streamed voice (server/voice/voice-frames.ts).
  'voice-started',
  'voice-activity',
  'voice-heard',
  'speech-audio',
  'speech-mark',
  'speech-end',
]);

/**
 * A frame from the viewer channel. The channel builds every frame from `ViewerServerFrameSchema`'s
 * types, so the page checks only the envelope: pulling the schema itself into the browser would make
 * the bundle ten times larger, and the page never treats any of its text as markup.
 */
export function parseViewerServerFrame(data: string): ViewerServerFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !('type' in json)) return undefined;
  if (typeof json.type !== 'string' || !SERVER_FRAME_TYPES.has(json.type)) return undefined;
  if (json.type === 'event') {
    const event = 'event' in json ? json.event : undefined;
    if (typeof event !== 'object' || event === null || !('type' in event) || typeof event.type !== 'string') {
      return undefined;
    }
  }
  return json as ViewerServerFrame;
}
