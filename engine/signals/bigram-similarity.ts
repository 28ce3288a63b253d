// Letters (Han included) and digits only: punctuation, spaces and emoji do not make two questions differ.
const NOT_CONTENT = /[^\p{L}\p{N}]+/gu;

export function contentCharacters(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase().replace(NOT_CONTENT, '')];
}

function bigrams(text: string): Set<string> {
  const characters = contentCharacters(text);
  if (characters.length === 1) return new Set(characters);
  const grams = new Set<string>();
  for (let index = 0; index + 1 < characters.length; index += 1)
    grams.add(`${characters[index]}${characters[index + 1]}`);
  return grams;
}

/**
 * Jaccard similarity (0..1) of the two texts' character bigrams, after folding case and width and
 * dropping punctuation and spaces: "充值没到账" and "充值怎么还没到账？" share most of theirs.
 */
export function bigramJaccard(first: string, second: string): number {
  const a = bigrams(first);
  const b = bigrams(second);
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return shared / (a.size + b.size - shared);
}
