import type { TranscriptLine } from './transcript.js';

/**
 * Where the viewer's words that no person answered begin, when a person hands the conversation back:
 * viewer lines after both the handoff (`handoffLine`: the transcript's length when it was handed over)
 * and the last thing an agent wrote. Undefined when there are none.
 */
export function firstUnansweredViewerLine(
  transcript: readonly TranscriptLine[],
  handoffLine: number,
): number | undefined {
  let from = Math.max(0, handoffLine);
  for (let index = transcript.length - 1; index >= from; index--) {
    if (transcript[index]?.speaker === 'agent') {
      from = index + 1;
      break;
    }
  }
  for (let index = from; index < transcript.length; index++) {
    if (transcript[index]?.speaker === 'viewer') return index;
  }
  return undefined;
}
