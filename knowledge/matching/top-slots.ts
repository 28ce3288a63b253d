/** Indices of the `count` highest finite scores, best first, without sorting the whole array. */
export function topSlots(scores: Float32Array, count: number): number[] {
  const indices: number[] = [];
  const values: number[] = [];
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index]!;
    if (!Number.isFinite(score)) continue;
    if (indices.length === count && score <= values[count - 1]!) continue;
    let position = indices.length === count ? count - 1 : indices.length;
    while (position > 0 && values[position - 1]! < score) {
      if (position < count) {
        values[position] = values[position - 1]!;
        indices[position] = indices[position - 1]!;
      }
      position--;
    }
    values[position] = score;
    indices[position] = index;
  }
  return indices;
}
