import { answerFor } from '../../knowledge/entry.js';
import type { MatchCandidate, MatchDecision } from '../../knowledge/matching/match-decision.js';

function describeCandidate(candidate: MatchCandidate, rank: number): string {
  const { scores, explanation } = candidate;
  const nearest = explanation.nearestPhrasing
    ? `, nearest "${explanation.nearestPhrasing.text}" ${explanation.nearestPhrasing.similarity.toFixed(2)}`
    : '';
  const terms =
    explanation.sharedTerms.length > 0 ? `\n       shared terms: ${explanation.sharedTerms.join(', ')}` : '';
  return (
    `  ${rank}. ${candidate.entryId} [${candidate.matchedLocale}] confidence ${candidate.confidence.toFixed(2)}` +
    `\n       fused ${scores.fused.toFixed(3)} = prototype ${scores.prototype.toFixed(3)}, nearest phrasing ${scores.nearestPhrasing.toFixed(3)}, lexical ${scores.lexical.toFixed(3)}${nearest}${terms}`
  );
}

/** The decision as an editor reads it in a terminal. */
export function formatDecision(decision: MatchDecision): string {
  const lines = [
    `${decision.action.toUpperCase()}  confidence ${decision.confidence.toFixed(2)}, margin ${decision.margin.toFixed(3)}  (${decision.query.language})`,
    `reason: ${decision.reason}`,
    `normalised: ${decision.query.normalized}`,
  ];
  if (decision.best) {
    lines.push(
      `answer (${decision.best.entryId}): ${answerFor(decision.best.entry, decision.query.language).answer}`,
    );
  }
  if (decision.action === 'clarify') lines.push('did you mean:');
  else if (decision.candidates.length > 0) lines.push('candidates:');
  decision.candidates.forEach((candidate, index) => lines.push(describeCandidate(candidate, index + 1)));
  return lines.join('\n');
}

/** The decision as JSON: entries shortened to their id and the answer in the viewer's language. */
export function decisionToJson(decision: MatchDecision): unknown {
  const shorten = (candidate: MatchCandidate) => ({
    entryId: candidate.entryId,
    matchedLocale: candidate.matchedLocale,
    confidence: candidate.confidence,
    scores: candidate.scores,
    explanation: candidate.explanation,
    answer: answerFor(candidate.entry, decision.query.language).answer,
  });
  return {
    action: decision.action,
    confidence: decision.confidence,
    margin: decision.margin,
    reason: decision.reason,
    best: decision.best ? shorten(decision.best) : null,
    candidates: decision.candidates.map(shorten),
    query: decision.query,
    thresholds: decision.thresholds,
  };
}
