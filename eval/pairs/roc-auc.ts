/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties
 * counting half (the Mann-Whitney U statistic over average ranks). Null without both classes.
 */
export function rocAuc(scores: readonly number[], positives: readonly boolean[]): number | null {
  const order = scores
    .map((score, index) => ({ score, positive: positives[index] === true }))
    .sort((first, second) => first.score - second.score);
  const positiveCount = order.filter((item) => item.positive).length;
  const negativeCount = order.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return null;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.score === order[start]!.score) end += 1;
    const averageRank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index++) if (order[index]!.positive) positiveRankSum += averageRank;
    start = end + 1;
  }
  return (positiveRankSum - (positiveCount * (positiveCount + 1)) / 2) / (positiveCount * negativeCount);
}
