/**
 * How much of what the viewer wrote a turn reads. Matching and the signals cost time in proportion to the
 * text, synchronously, so a viewer who sends long messages back to back must not buy unbounded work: a
 * turn reads at most `maxChars` characters, from at most `maxMessages` messages (the newest).
 */
export interface QuestionLimits {
  /** Characters matched and read by the signals per turn. */
  maxChars: number;
  /** Messages one question is made of after barge-ins (each interrupted question is asked again with the new words). */
  maxMessages: number;
  /** Earlier messages the signals compare the question with (repetition, trend). */
  maxHistoryMessages: number;
}

export const DEFAULT_QUESTION_LIMITS: QuestionLimits = {
  maxChars: 500,
  maxMessages: 3,
  maxHistoryMessages: 20,
};

/**
 * The question a turn asks from the viewer's messages, oldest first: the newest `maxMessages` of them,
 * sharing `maxChars` (the newlines that join them included) evenly, a short message leaving its unused
 * share to the others; each message is cut to its beginning, where people put the question.
 */
export function boundedQuestion(messages: readonly string[], limits: QuestionLimits): string {
  const pieces = messages.slice(-limits.maxMessages).map((message) => [...message]);
  let budget = Math.max(0, limits.maxChars - (pieces.length - 1));
  const shares = new Array<number>(pieces.length).fill(0);
  const byLength = pieces
    .map((_, index) => index)
    .sort((first, second) => pieces[first]!.length - pieces[second]!.length);
  byLength.forEach((index, position) => {
    const share = Math.min(pieces[index]!.length, Math.floor(budget / (byLength.length - position)));
    shares[index] = share;
    budget -= share;
  });
  return pieces.map((characters, index) => characters.slice(0, shares[index]).join('')).join('\n');
}

/** Earlier messages as the signals read them: the newest `maxHistoryMessages`, each cut to `maxChars`. */
export function boundedHistory(messages: readonly string[], limits: QuestionLimits): string[] {
  return messages
    .slice(-limits.maxHistoryMessages)
    .map((message) => [...message].slice(0, limits.maxChars).join(''));
}
