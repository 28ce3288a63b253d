/**
 * What every match of a regular expression must contain, read from its source, so a scan can be skipped
 * when the text lacks it: most patterns are written for one language and cannot match a message in the other.
 */
export interface RegexNeeds {
  /** Every match holds a character that `/[a-z]/iu` matches (a Latin letter, any case). */
  latin: boolean;
  /** Every match holds one of these runs of Han characters (which have no case: as written). */
  han: readonly string[] | undefined;
  /**
   * Every match holds one of these literal runs with Latin letters, in lower case ("human", "call me"): an
   * English pattern is skipped on a message without any of its words, which most messages are.
   */
  latinRuns?: readonly string[] | undefined;
}

const NOTHING: RegexNeeds = { latin: false, han: undefined };
const LATIN = /[a-z]/iu;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * The needs of `source` as run with the `u` flag (with or without `i`). Conservative: whatever it does not
 * fully understand (character classes, escapes other than syntax characters, anything optional, look-arounds)
 * needs nothing, and a source it cannot read at all needs nothing.
 */
export function regexNeeds(source: string): RegexNeeds {
  try {
    const reader = new NeedsReader(source);
    const needs = reader.disjunction();
    return reader.done() ? needs : NOTHING;
  } catch {
    return NOTHING;
  }
}

// Under the `iu` flags these match "s" and "k" though no lower-casing makes them so: a text with one is
// never skipped for its Latin runs.
const CASE_FOLDS_APART = /[\u017f\u212a]/u;

/**
 * Whether text can hold a match of a regular expression with these needs. `lower`: the text in lower case
 * (the folded text signals read already is), for the Latin runs; without it they are not checked.
 */
export function mayMatch(needs: RegexNeeds, text: string, hasLatin: boolean, lower?: string): boolean {
  if (needs.latin && !hasLatin) return false;
  if (needs.han !== undefined && !needs.han.some((run) => text.includes(run))) return false;
  return (
    needs.latinRuns === undefined ||
    lower === undefined ||
    needs.latinRuns.some((run) => lower.includes(run)) ||
    CASE_FOLDS_APART.test(lower)
  );
}

/** A literal character (matched as itself) or anything else, with what it needs. */
type Term = { literal: string } | { needs: RegexNeeds };

class NeedsReader {
  private position = 0;

  constructor(private readonly source: string) {}

  done(): boolean {
    return this.position === this.source.length;
  }

  disjunction(): RegexNeeds {
    const alternatives = [this.alternative()];
    while (this.peek() === '|') {
      this.position += 1;
      alternatives.push(this.alternative());
    }
    return alternatives.length === 1 ? alternatives[0]! : either(alternatives);
  }

  private alternative(): RegexNeeds {
    const parts: RegexNeeds[] = [];
    // Literal characters in a row make one run: "人工" is more telling than 人 or 工 alone.
    let run = '';
    while (!this.done() && this.peek() !== '|' && this.peek() !== ')') {
      const term = this.quantified();
      if ('literal' in term) {
        run += term.literal;
        continue;
      }
      parts.push(literalNeeds(run), term.needs);
      run = '';
    }
    parts.push(literalNeeds(run));
    return all(parts);
  }

  /** An atom and its quantifier: optional, it needs nothing; repeated, what the atom needs. */
  private quantified(): Term {
    const atom = this.atom();
    const minimum = this.quantifier();
    if (minimum === undefined) return atom;
    if (minimum === 0) return { needs: NOTHING };
    return 'literal' in atom ? { needs: literalNeeds(atom.literal) } : atom;
  }

  private quantifier(): number | undefined {
    const next = this.peek();
    let minimum: number | undefined;
    if (next === '*' || next === '?') minimum = 0;
    else if (next === '+') minimum = 1;
    else if (next === '{') {
      const bounds = /^\{(\d+)(?:,\d*)?\}/u.exec(this.source.slice(this.position));
      if (!bounds) throw new Error('unexpected {');
      minimum = Number(bounds[1]);
      this.position += bounds[0].length - 1;
    }
    if (minimum === undefined) return undefined;
    this.position += 1;
    if (this.peek() === '?') this.position += 1;
    return minimum;
  }

  private atom(): Term {
    const next = this.peek();
    if (next === '(') return this.group();
    if (next === '[') return this.characterClass();
    if (next === '\\') return this.escape();
    if (next === '.' || next === '^' || next === '$') {
      this.position += 1;
      return { needs: NOTHING };
    }
    if (next === undefined || ')|*+?{}]'.includes(next)) throw new Error(`unexpected ${next}`);
    const character = String.fromCodePoint(this.source.codePointAt(this.position)!);
    this.position += character.length;
    return { literal: character };
  }

  private group(): Term {
    const opening = /^\((?:\?(?::|=|!|<=|<!|<[\p{L}\p{N}_$]+>))?/u.exec(this.source.slice(this.position))![0];
    this.position += opening.length;
    const inner = this.disjunction();
    if (this.peek() !== ')') throw new Error('unclosed group');
    this.position += 1;
    // Look-arounds match no text of their own.
    const lookaround = ['(?=', '(?!', '(?<=', '(?<!'].includes(opening);
    return { needs: lookaround ? NOTHING : inner };
  }

  private characterClass(): Term {
    this.position += 1;
    while (this.peek() !== ']') {
      if (this.done()) throw new Error('unclosed class');
      this.position += this.peek() === '\\' ? 2 : 1;
    }
    this.position += 1;
    return { needs: NOTHING };
  }

  private escape(): Term {
    const rest = this.source.slice(this.position + 1);
    const known =
      /^(?:[pP]\{[^}]*\}|k<[^>]*>|u\{[\da-fA-F]+\}|u[\da-fA-F]{4}|x[\da-fA-F]{2}|c[a-zA-Z]|\d+|[bBdDwWsStnrfv])/u.exec(
        rest,
      );
    if (known) {
      this.position += 1 + known[0].length;
      return { needs: NOTHING };
    }
    const character = rest.charAt(0);
    // Syntax characters and "/" stand for themselves; any other escape is one this reader does not know.
    if (!/^[\^$\\.*+?()[\]{}|/-]$/u.test(character)) throw new Error(`unknown escape \\${character}`);
    this.position += 2;
    return { literal: character };
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }
}

function literalNeeds(run: string): RegexNeeds {
  if (run === '') return NOTHING;
  const hanRuns = run.match(HAN_RUN) ?? [];
  const longest = hanRuns.reduce<string | undefined>(
    (best, hanRun) => (best === undefined || hanRun.length > best.length ? hanRun : best),
    undefined,
  );
  const latin = LATIN.test(run);
  // A run with Han characters is known by them; one of Latin letters (and spaces, digits, apostrophes)
  // by the whole run, as the case-insensitive scan reads it.
  const latinRuns = latin && hanRuns.length === 0 ? [run.toLowerCase()] : undefined;
  return { latin, han: longest === undefined ? undefined : [longest], latinRuns };
}

/** In a row: each part's needs hold, so the match needs Latin if any part does, and the most telling Han. */
function all(parts: readonly RegexNeeds[]): RegexNeeds {
  let han: readonly string[] | undefined;
  let latinRuns: readonly string[] | undefined;
  for (const part of parts) {
    if (part.han && (han === undefined || moreTelling(part.han, han))) han = part.han;
    if (part.latinRuns && (latinRuns === undefined || moreTelling(part.latinRuns, latinRuns)))
      latinRuns = part.latinRuns;
  }
  return { latin: parts.some((part) => part.latin), han, latinRuns };
}

/** One of several: only what every alternative needs. */
function either(alternatives: readonly RegexNeeds[]): RegexNeeds {
  const han = alternatives.every((alternative) => alternative.han !== undefined)
    ? [...new Set(alternatives.flatMap((alternative) => alternative.han ?? []))]
    : undefined;
  const latinRuns = alternatives.every((alternative) => alternative.latinRuns !== undefined)
    ? [...new Set(alternatives.flatMap((alternative) => alternative.latinRuns ?? []))]
    : undefined;
  return { latin: alternatives.every((alternative) => alternative.latin), han, latinRuns };
}

/** Longer runs, then fewer of them, are rarer in a message: more scans skipped. */
function moreTelling(first: readonly string[], second: readonly string[]): boolean {
  const shortest = (runs: readonly string[]) => Math.min(...runs.map((run) => run.length));
  return (
    shortest(first) > shortest(second) ||
    (shortest(first) === shortest(second) && first.length < second.length)
  );
}
