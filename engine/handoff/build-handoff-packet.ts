import type { Locale } from '../../knowledge/entry.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { PolicyDecision } from '../policy/escalation-policy.js';
import type { SignalReport } from '../policy/signal-report.js';
import type { TurnContext, TurnDependencies } from '../turn/turn-context.js';
import { extractiveSummary } from './extractive-summary.js';
import type { HandoffPacket } from './handoff-packet.js';

export interface HandoffInput {
  context: TurnContext;
  decision: Extract<PolicyDecision, { action: 'escalate' }>;
  signals: { angerByTurn: number[]; trend: SignalReport['anger']['trend'] };
  locale: Locale;
  match: MatchDecision;
  dependencies: TurnDependencies;
  signal: AbortSignal;
}

/** Built the moment the policy escalates, from what the conversation holds right then. */
export async function buildHandoffPacket(input: HandoffInput): Promise<HandoffPacket> {
  const { context, decision, dependencies } = input;
  const transcript = context.transcript.map((line) => ({ ...line, text: dependencies.maskPii(line.text) }));
  const attempts = context.attempts.map((attempt) => ({
    ...attempt,
    // The question is the viewer's own words: masked like the transcript (the packet goes to agents).
    question: dependencies.maskPii(attempt.question),
    said: dependencies.maskPii(attempt.said),
  }));
  let summary: HandoffPacket['summary'] = {
    text: extractiveSummary(transcript, attempts, input.locale),
    source: 'extractive',
  };
  if (dependencies.summarizer) {
    try {
      const text = await dependencies.summarizer.summarize(
        transcript.map((line) => ({
          role: line.speaker === 'viewer' ? 'viewer' : line.speaker === 'agent' ? 'agent' : 'assistant',
          text: line.text,
        })),
        { signal: AbortSignal.any([input.signal, AbortSignal.timeout(5_000)]) },
      );
      summary = { text, source: 'llm' };
    } catch {
      // The extractive summary stands; a handoff never waits on, or fails because of, the LLM.
    }
  }
  return {
    conversationId: context.conversationId,
    createdAt: dependencies.clock().toISOString(),
    reasons: decision.reasons,
    details: decision.details,
    priority: decision.priority,
    team: decision.team,
    summary,
    sentiment: { angerByTurn: input.signals.angerByTurn, trend: input.signals.trend },
    aiAttempts: attempts,
    // The language the viewer writes in now, not the page's UI language: the agent answers in it.
    viewer: { ...context.profile, locale: input.locale },
    liveContext: context.liveContext,
    transcript,
  };
}
