/**
 * The score threshold ("same" at or above it) with the best accuracy on labelled pairs. Candidates are
 * the midpoints between neighbouring distinct scores, plus one below all and one above all, so the
 * threshold sits between the pairs it separates rather than on one of them.
 */
export function bestAccuracyThreshold(scores: readonly number[], same: readonly boolean[]): number {
  const order = scores
    .map((score, index) => ({ score, same: same[index] === true }))
    .sort((first, second) => first.score - second.score);
  if (order.length === 0) return 0.5;
  // Threshold below everything: every pair called "same".
  let correct = order.filter((item) => item.same).length;
  let bestCorrect = correct;
  let bestThreshold = order[0]!.score - 1e-6;
  for (let index = 0; index < order.length;) {
    let end = index;
    while (end + 1 < order.length && order[end + 1]!.score === order[index]!.score) end += 1;
    // Raising the threshold past this score turns these pairs into "different" calls.
    for (let moved = index; moved <= end; moved++) correct += order[moved]!.same ? -1 : 1;
    const next = order[end + 1];
    const threshold = next === undefined ? order[end]!.score + 1e-6 : (order[end]!.score + next.score) / 2;
    if (correct > bestCorrect) {
      bestCorrect = correct;
      bestThreshold = threshold;
    }
    index = end + 1;
  }
  return bestThreshold;
}
