/** Scales a vector to unit length in place (a zero vector stays zero), so dot product is cosine. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  const norm = vectorNorm(vector);
  if (norm > 0) {
    const inverse = 1 / norm;
    for (let index = 0; index < vector.length; index++) vector[index]! *= inverse;
  }
  return vector;
}

export function vectorNorm(vector: ArrayLike<number>): number {
  let squaredNorm = 0;
  for (let index = 0; index < vector.length; index++) squaredNorm += vector[index]! * vector[index]!;
  return Math.sqrt(squaredNorm);
}
