import { phraseToRegexSource } from './phrase-list.js';
import type { PersonRequestLexicon } from './person-request-lexicon.js';

export interface PersonRequestComposition {
  /** "售后+找": the person named and the ask, or undefined when the message is no such short ask. */
  find(folded: string): string | undefined;
}

const CJK = /\p{Script=Han}/u;

function anyOf(words: readonly string[]): RegExp {
  // Longest first, so "customer service" wins over a shorter word inside it.
  const sources = [...words].sort((a, b) => b.length - a.length).map((word) => phraseToRegexSource(word));
  return new RegExp(`(?:${sources.join('|')})`, 'u');
}

/**
 * A person of the desk and an ask in one short message (per the language's lexicon: Chinese when the
 * text has Han characters), with nothing that makes it a question about staff.
 */
export function compilePersonRequestComposition(
  lexicons: Readonly<Record<'zh' | 'en', PersonRequestLexicon>>,
): PersonRequestComposition {
  const compiled = Object.fromEntries(
    Object.entries(lexicons).map(([language, lexicon]) => [
      language,
      {
        person: anyOf(lexicon.persons),
        ask: anyOf(lexicon.asks),
        askBefore: new RegExp(`${anyOf(lexicon.asksBefore).source}\\s*$`, 'u'),
        askAfter: new RegExp(`^\\s*${anyOf(lexicon.asksAfter).source}(?=[\\s\\p{P}]*$)`, 'u'),
        notAsking: anyOf(lexicon.notAsking),
        maxChars: lexicon.maxChars,
      },
    ]),
  ) as Record<
    'zh' | 'en',
    {
      person: RegExp;
      ask: RegExp;
      askBefore: RegExp;
      askAfter: RegExp;
      notAsking: RegExp;
      maxChars: number;
    }
  >;
  return {
    find(folded) {
      const text = folded.trim();
      const words = compiled[CJK.test(text) ? 'zh' : 'en'];
      if (text.length === 0 || text.length > words.maxChars) return undefined;
      const person = words.person.exec(text);
      if (!person) return undefined;
      // The ask is looked for around the person, so the person word itself is never its own ask.
      const before = text.slice(0, person.index);
      const after = text.slice(person.index + person[0].length);
      const ask =
        words.ask.exec(`${before} ${after}`) ?? words.askBefore.exec(before) ?? words.askAfter.exec(after);
      if (!ask || words.notAsking.test(text)) return undefined;
      return `${person[0].trim()}+${ask[0].trim()}`;
    },
  };
}
