/**
 * A guard between a model's streamed answer and the viewer: it stops the answer when the model
 * starts repeating what it was given rather than answering from it. Three tells:
 * - `canary`: the random token planted in the system prompt (any case), which no honest answer has;
 * - `grounding-keys`: the grounding document's field names, quoted as JSON keys or named outright;
 * - `prompt-copy`: a run of `minRunChars` characters copied verbatim from a secret text (the system
 *   prompt, the grounding JSON) that is not also inside one text the model may repeat (an entry's
 *   answer or question, the viewer's words), so quoting the entry word for word stays allowed.
 *
 * Streamed text is held back only as far as it could still be the start of a leak, so one is seen
 * before it is released even when it arrives split across chunks, while honest text flows: 16
 * characters, or the longer tail that could begin the canary or a grounding key (up to 24), and a
 * full `minRunChars` while the answer has lately repeated an 8-character piece of a secret that no
 * allowed text has (a copy shows such a piece within its first 16 characters).
 */
export type OutputLeakKind = 'canary' | 'grounding-keys' | 'prompt-copy';

export interface OutputLeakFilterOptions {
  /** Texts the viewer must never see copied: the system prompt, the grounding JSON as sent. */
  secrets: readonly string[];
  /** Texts the model may repeat word for word even though a secret holds them. */
  allowed?: readonly string[];
  /** The token planted in the system prompt; matched case-insensitively. */
  canary?: string | undefined;
  /** Default 50: long enough that a stock phrase shared with the prompt is not a leak. */
  minRunChars?: number;
}

export type OutputLeakStep = { type: 'text'; text: string } | { type: 'leak'; kind: OutputLeakKind };

export interface OutputLeakFilter {
  /** Feeds model text; returns what can be released now, or the leak that stops the answer. */
  push(text: string): OutputLeakStep;
  /** The answer ended: the held-back rest, checked already. */
  end(): string;
  /** How many characters the filter may hold back, at most. */
  readonly holdBackChars: number;
}

/** Field names of the grounding document (engine/composer/grounded-prompt.ts). */
const GROUNDING_NAMES = /\b(?:knowledge_entries|live_context|viewer_message)\b/iu;
const GROUNDING_KEYS =
  /"(?:knowledge_entries|live_context|viewer_message|conversation|product_in_view|streamer_name|room_id|confidence|questions)"\s{0,3}:/iu;
/** Longer than any match of the two patterns above, so a name cut across chunks is still seen. */
const LONGEST_KEY_CHARS = 24;
/** Pieces of secrets that make the filter hold a full run back; twice this is always held. */
const RISK_GRAM_CHARS = 8;
const BASE_HOLD_BACK_CHARS = 2 * RISK_GRAM_CHARS;
/** A tail that may still grow into a grounding name: a word of ASCII letters. */
const NAME_START = /[A-Za-z_]{1,17}$/u;
export const DEFAULT_MIN_LEAK_RUN_CHARS = 50;

export function createOutputLeakFilter(options: OutputLeakFilterOptions): OutputLeakFilter {
  const minRunChars = Math.max(8, Math.floor(options.minRunChars ?? DEFAULT_MIN_LEAK_RUN_CHARS));
  const canary = options.canary?.toLowerCase();
  const secrets = options.secrets.filter((secret) => secret.length >= minRunChars);
  const allowed = (options.allowed ?? []).filter((text) => text.length >= minRunChars);
  const holdBackChars = Math.max(minRunChars, canary?.length ?? 0, LONGEST_KEY_CHARS);
  let seen = '';
  let released = 0;
  let leak: OutputLeakKind | undefined;
  // A prefilter so an honest answer costs a Set lookup per character, not a search of every secret:
  // any run of minRunChars copied from a secret contains one of its grams that start at a multiple
  // of gramChars (2 * gramChars - 1 <= minRunChars), so a window without such a gram cannot match.
  const gramChars = Math.min(16, Math.floor((minRunChars + 1) / 2));
  const grams = new Set<string>();
  for (const secret of secrets)
    for (let at = 0; at + gramChars <= secret.length; at += gramChars)
      grams.add(secret.slice(at, at + gramChars));
  let gramsUpTo = 0;
  let lastGramHit = -1;
  // Aligned pieces of the secrets that no allowed text holds: seeing one, the answer may be copying.
  const allowedPieces = new Set<string>();
  for (const text of options.allowed ?? [])
    for (let at = 0; at + RISK_GRAM_CHARS <= text.length; at++)
      allowedPieces.add(text.slice(at, at + RISK_GRAM_CHARS));
  const riskGrams = new Set<string>();
  for (const secret of secrets)
    for (let at = 0; at + RISK_GRAM_CHARS <= secret.length; at += RISK_GRAM_CHARS) {
      const piece = secret.slice(at, at + RISK_GRAM_CHARS);
      if (!allowedPieces.has(piece)) riskGrams.add(piece);
    }
  allowedPieces.clear();
  let riskUpTo = 0;
  let lastRiskEnd = -Infinity;

  /** How many of the newest characters must stay held: the longest tail that may still begin a leak. */
  function holdBack(): number {
    for (; riskUpTo + RISK_GRAM_CHARS <= seen.length; riskUpTo++)
      if (riskGrams.has(seen.slice(riskUpTo, riskUpTo + RISK_GRAM_CHARS)))
        lastRiskEnd = riskUpTo + RISK_GRAM_CHARS;
    if (seen.length - lastRiskEnd < minRunChars) return minRunChars;
    let hold = BASE_HOLD_BACK_CHARS;
    // A quote in the last few characters may open a JSON key; trailing letters may begin a field name.
    const tail = seen.slice(-LONGEST_KEY_CHARS);
    const quote = tail.indexOf('"');
    if (quote >= 0) hold = Math.max(hold, tail.length - quote);
    hold = Math.max(hold, NAME_START.exec(tail)?.[0].length ?? 0);
    if (canary !== undefined) {
      const end = seen.slice(-canary.length).toLowerCase();
      for (let length = Math.min(end.length, canary.length - 1); length > hold; length--)
        if (canary.startsWith(end.slice(end.length - length))) {
          hold = length;
          break;
        }
    }
    return hold;
  }

  function isCopied(window: string): boolean {
    if (!secrets.some((secret) => secret.includes(window))) return false;
    return !allowed.some((text) => text.includes(window));
  }

  /** Checks everything that ends after `checkedUpTo`; earlier text was checked on an earlier push. */
  function findLeak(checkedUpTo: number): OutputLeakKind | undefined {
    if (canary !== undefined && canary !== '') {
      const from = Math.max(0, checkedUpTo - canary.length + 1);
      if (seen.slice(from).toLowerCase().includes(canary)) return 'canary';
    }
    const recent = seen.slice(Math.max(0, checkedUpTo - LONGEST_KEY_CHARS));
    if (GROUNDING_NAMES.test(recent) || GROUNDING_KEYS.test(recent)) return 'grounding-keys';
    if (secrets.length > 0) {
      for (
        let start = Math.max(0, checkedUpTo - minRunChars + 1);
        start + minRunChars <= seen.length;
        start++
      ) {
        for (; gramsUpTo <= start + minRunChars - gramChars; gramsUpTo++)
          if (grams.has(seen.slice(gramsUpTo, gramsUpTo + gramChars))) lastGramHit = gramsUpTo;
        if (lastGramHit >= start && isCopied(seen.slice(start, start + minRunChars))) return 'prompt-copy';
      }
    }
    return undefined;
  }

  return {
    holdBackChars,
    push(text) {
      if (leak !== undefined) return { type: 'leak', kind: leak };
      const checkedUpTo = seen.length;
      seen += text;
      leak = findLeak(checkedUpTo);
      if (leak !== undefined) return { type: 'leak', kind: leak };
      let until = Math.max(released, seen.length - holdBack());
      // Never split a surrogate pair between what is sent and what is held.
      const code = seen.charCodeAt(until - 1);
      if (until > released && code >= 0xd800 && code <= 0xdbff) until -= 1;
      const out = seen.slice(released, until);
      released = until;
      return { type: 'text', text: out };
    },
    end() {
      if (leak !== undefined) return '';
      const rest = seen.slice(released);
      released = seen.length;
      return rest;
    },
  };
}
