import type { RawData } from 'ws';
import type { ParsedFrame } from './frame-parser.js';
import { rawText } from './raw-text.js';
import type { RateLimiter } from './token-bucket.js';

export type FrameIntake<Frame> =
  | { ok: true; frame: Frame }
  | {
      ok: false;
      code: 'rate_limited' | 'invalid_json' | 'invalid_frame' | 'unknown_type';
      message: string;
    };

/** What every channel does to a frame before acting on it: the socket's rate, text only, the schema. */
export function takeFrame<Frame>(
  data: RawData,
  isBinary: boolean,
  options: { frames: RateLimiter; parse: (raw: string) => ParsedFrame<Frame> },
): FrameIntake<Frame> {
  if (!options.frames.take('socket'))
    return { ok: false, code: 'rate_limited', message: 'too many frames; slow down' };
  if (isBinary)
    return { ok: false, code: 'invalid_frame', message: 'binary frames are not accepted; send JSON text' };
  return options.parse(rawText(data));
}
