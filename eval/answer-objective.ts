/** A wrong reply costs this many handovers unless told otherwise (`--wrong-answer-cost`). */
export const DEFAULT_WRONG_ANSWER_COST = 2;

export interface AnswerTally {
  cases: number;
  /** In-scope cases answered with the expected entry. */
  right: number;
  /** In-scope cases answered with another entry, plus out-of-scope cases answered at all. */
  wrong: number;
}

/**
 * What threshold tuning maximises: every case scores +1 when answered with the right entry, 0 when
 * handed over or clarified, and −cost when the viewer gets a wrong reply (a wrong entry, or an answer to
 * a question the knowledge base does not cover); the objective is the mean score over the cases.
 */
export function answerObjective(tally: AnswerTally, wrongAnswerCost: number): number {
  return tally.cases === 0 ? 0 : (tally.right - wrongAnswerCost * tally.wrong) / tally.cases;
}

export function describeAnswerObjective(wrongAnswerCost: number): string {
  return `mean per case of +1 (answered right), 0 (handed over or clarified), −${wrongAnswerCost} (answered wrongly, in or out of scope)`;
}
