import type { PacketView } from './agent-frames-client.js';
import type { ConsoleTexts } from './console-texts.js';

type Attempt = PacketView['aiAttempts'][number];

/** The policy's `no confident answer (confidence 0.20) after 2 attempt(s)`: the confidence the escalation used. */
const LOW_CONFIDENCE = /^no confident answer \(confidence (\d+(?:\.\d+)?)\) after (\d+) attempt/;

/**
 * The one confidence the escalation decided on (the latest question's), when the packet says it: the
 * low-confidence reason carries it. Undefined when the handoff was for another reason.
 */
export function decisionConfidence(details: readonly string[]): number | undefined {
  for (const detail of details) {
    const match = LOW_CONFIDENCE.exec(detail);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * The badge before a handoff summary: which summarizer wrote it. A model's summary reads like a fact
 * but may be wrong, so it is marked as the AI's; the extractive one only quotes the viewer.
 */
export function summarySourceBadge(
  source: PacketView['summary']['source'],
  texts: Pick<ConsoleTexts, 'summaryByAi' | 'summaryAutomatic'>,
): { text: string; className: string } {
  return source === 'llm'
    ? { text: texts.summaryByAi, className: 'badge summary-source summary-source-llm' }
    : { text: texts.summaryAutomatic, className: 'badge summary-source summary-source-extractive' };
}

function sameQuestion(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * What the AI tried, with one confidence per question: where the escalation decided on the viewer's
 * latest question and an attempt asked the same, the attempt shows the decision's confidence, so the
 * card never gives two figures for one question.
 */
export function attemptsWithDecision(
  packet: Pick<PacketView, 'aiAttempts' | 'details' | 'transcript'>,
): Attempt[] {
  const decision = decisionConfidence(packet.details);
  const latest = packet.transcript.findLast((line) => line.speaker === 'viewer')?.text;
  if (decision === undefined || latest === undefined) return [...packet.aiAttempts];
  return packet.aiAttempts.map((attempt) =>
    sameQuestion(attempt.question, latest) ? { ...attempt, confidence: decision } : attempt,
  );
}

/** One line of the packet's "why", in the console's language and with confidences as percentages. */
export function describeHandoffDetail(detail: string, texts: ConsoleTexts): string {
  const low = LOW_CONFIDENCE.exec(detail);
  if (low) return texts.details.lowConfidence(texts.percent(Number(low[1])), Number(low[2]));
  const person = /^asked for a person \((.*)\)$/.exec(detail);
  if (person) return texts.details.humanRequest(person[1] ?? '');
  const sensitive = /^sensitive: ([^(]+?) \((.*)\)$/.exec(detail);
  if (sensitive) return texts.details.sensitive(sensitive[1] ?? '', sensitive[2] ?? '');
  const anger = /^anger (\d+(?:\.\d+)?), (rising|steady|falling) \((.*)\)$/.exec(detail);
  if (anger) {
    const trend = anger[2] as 'rising' | 'steady' | 'falling';
    return texts.details.anger(anger[1] ?? '', texts.trends[trend], anger[3] ?? '');
  }
  const repeated = /^repeated or said it did not help \((.*)\)$/.exec(detail);
  if (repeated) return texts.details.repetition(repeated[1] ?? '');
  // A reason this console does not know yet is shown as the policy wrote it.
  return detail;
}
