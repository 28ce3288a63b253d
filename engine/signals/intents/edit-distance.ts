/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions), stopping early once it
 * exceeds `limit`: "humna" is 1 from "human", "opertor" 1 from "operator".
 */
export function editDistanceWithin(first: string, second: string, limit: number): number | undefined {
  if (Math.abs(first.length - second.length) > limit) return undefined;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let i = 1; i <= first.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= second.length; j++) {
      const cost = first[i - 1] === second[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && first[i - 1] === second[j - 2] && first[i - 2] === second[j - 1])
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return undefined;
    previousPrevious = previous;
    previous = current;
  }
  const distance = previous[second.length]!;
  return distance <= limit ? distance : undefined;
}
