import type { Synonym } from '../synonym.js';

/** A JSON Lines synonym file that `parseSynonymsJsonl` reads back as the same synonyms. */
export function writeSynonymsJsonl(synonyms: readonly Synonym[]): string {
  return synonyms
    .map(
      ({ term, canonical, locale }) =>
        `${JSON.stringify(locale === undefined ? { term, canonical } : { term, canonical, locale })}\n`,
    )
    .join('');
}
