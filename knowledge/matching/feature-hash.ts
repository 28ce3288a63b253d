/** FNV-1a over UTF-16 code units; fast, stable across runs and platforms. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Bucket and sign of a feature: signed hashing keeps collisions from biasing dot products upward. */
export function hashFeature(feature: string, dimensions: number): { index: number; sign: 1 | -1 } {
  const hash = fnv1a(feature);
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 0;
  return { index: hash % dimensions, sign: (mixed & 1) === 0 ? 1 : -1 };
}
