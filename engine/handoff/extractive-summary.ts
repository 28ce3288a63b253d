import type { TranscriptLine } from '../conversation/transcript.js';
import type { AiAttempt } from './handoff-packet.js';

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

interface SummaryWords {
  first: (text: string) => string;
  answered: (entryIds: string, confidence: string, said: string) => string;
  noAnswer: (confidence: string, said: string) => string;
  latest: (texts: string) => string;
  quote: (text: string) => string;
  separator: string;
}

const ENGLISH: SummaryWords = {
  first: (text) => `First question: ${text}.`,
  answered: (entryIds, confidence, said) =>
    `AI answered from ${entryIds} (confidence ${confidence}): ${said}.`,
  noAnswer: (confidence, said) => `AI found no confident answer (confidence ${confidence}): ${said}.`,
  latest: (texts) => `Latest: ${texts}.`,
  quote: (text) => `"${text}"`,
  separator: ' ',
};

const CHINESE: SummaryWords = {
  first: (text) => `首个问题：${text}。`,
  answered: (entryIds, confidence, said) => `AI 按 ${entryIds} 回答（置信度 ${confidence}）：${said}。`,
  noAnswer: (confidence, said) => `AI 没有把握回答（置信度 ${confidence}）：${said}。`,
  latest: (texts) => `最新：${texts}。`,
  quote: (text) => `「${text}」`,
  separator: '',
};

/**
 * A summary that needs no LLM: the first question, what the AI matched and said, and the last words,
 * so an agent sees the thread at a glance; written in the viewer's language, which is the language of the
 * team that serves them.
 */
export function extractiveSummary(
  transcript: readonly TranscriptLine[],
  attempts: readonly AiAttempt[],
  locale = 'en',
): string {
  const words = locale.toLowerCase().startsWith('zh') ? CHINESE : ENGLISH;
  const viewerLines = transcript.filter((line) => line.speaker === 'viewer');
  const parts: string[] = [];
  const first = viewerLines[0];
  if (first) parts.push(words.first(words.quote(clip(first.text, 160))));
  for (const attempt of attempts.slice(-3)) {
    const confidence = attempt.confidence.toFixed(2);
    const said = words.quote(clip(attempt.said, 120));
    parts.push(
      attempt.entryIds.length > 0
        ? words.answered(attempt.entryIds.join(', '), confidence, said)
        : words.noAnswer(confidence, said),
    );
  }
  const last = viewerLines.slice(-2).filter((line) => line !== first);
  if (last.length > 0)
    parts.push(words.latest(last.map((line) => words.quote(clip(line.text, 160))).join(' / ')));
  return parts.join(words.separator);
}
