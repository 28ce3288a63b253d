import type { TranscriptLine } from '../conversation/transcript.js';
import type { AiAttempt } from './handoff-packet.js';

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * A summary that needs no LLM: the first question, what the AI matched and said, and the last words,
 * so an agent sees the thread at a glance.
 */
export function extractiveSummary(
  transcript: readonly TranscriptLine[],
  attempts: readonly AiAttempt[],
): string {
  const viewerLines = transcript.filter((line) => line.speaker === 'viewer');
  const parts: string[] = [];
  const first = viewerLines[0];
  if (first) parts.push(`First question: "${clip(first.text, 160)}".`);
  for (const attempt of attempts.slice(-3)) {
    const used =
      attempt.entryIds.length > 0
        ? `answered from ${attempt.entryIds.join(', ')}`
        : 'found no confident answer';
    parts.push(`AI ${used} (confidence ${attempt.confidence.toFixed(2)}): "${clip(attempt.said, 120)}".`);
  }
  const last = viewerLines.slice(-2).filter((line) => line !== first);
  if (last.length > 0) parts.push(`Latest: ${last.map((line) => `"${clip(line.text, 160)}"`).join(' / ')}.`);
  return parts.join(' ');
}
