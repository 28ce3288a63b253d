/**
 * A deterministic stand-in for a real embedding model: character 1-, 2- and 3-grams hashed into
 * `dimensions` signed buckets, then L2-normalised. Texts that share characters land close
 * together, so tests can check ranking without a model. An empty text gives a zero vector.
 */
export function embedWithHashedNgrams(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  const characters = [...text.normalize('NFKC').toLowerCase()];
  for (let size = 1; size <= 3; size++) {
    const weight = size === 1 ? 0.5 : 1;
    for (let start = 0; start + size <= characters.length; start++) {
      const hash = fnv1a(`${size}\u0000${characters.slice(start, start + size).join('')}`);
      const bucket = hash % dimensions;
      vector[bucket] = (vector[bucket] ?? 0) + (hash & 0x8000_0000 ? -weight : weight);
    }
  }
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  if (sumOfSquares > 0) {
    const scale = 1 / Math.sqrt(sumOfSquares);
    for (let index = 0; index < dimensions; index++) vector[index] = (vector[index] ?? 0) * scale;
  }
  return vector;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
