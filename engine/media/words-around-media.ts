import type { TranscriptLine } from '../conversation/transcript.js';

/** At most this many of the viewer's messages are read as what a picture is about. */
const MAX_MESSAGES = 3;

/**
 * The viewer's words just before a media message: their messages in the `windowMs` up to `atMs`, newest
 * last, joined. Empty when they said nothing that recently. ("充值没到账" + a payment screenshot.)
 */
export function viewerWordsBefore(
  transcript: readonly TranscriptLine[],
  options: { atMs: number; windowMs: number },
): string {
  const from = options.atMs - options.windowMs;
  return transcript
    .filter((line) => {
      if (line.speaker !== 'viewer') return false;
      const at = Date.parse(line.at);
      return at >= from && at <= options.atMs;
    })
    .slice(-MAX_MESSAGES)
    .map((line) => line.text.trim())
    .filter((text) => text !== '')
    .join(' ');
}
