/** mulberry32: a tiny deterministic generator, so contract data is the same on every run. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Vectors with components uniform in -1..1, not normalised (indexes must normalise for cosine). */
export function createRandomVectors(options: {
  count: number;
  dimensions: number;
  seed: number;
}): Float32Array[] {
  const random = createSeededRandom(options.seed);
  return Array.from({ length: options.count }, () => {
    const vector = new Float32Array(options.dimensions);
    for (let index = 0; index < options.dimensions; index++) vector[index] = random() * 2 - 1;
    return vector;
  });
}
