/** One stretch of a word diff: text both versions share, or text only the old or only the new one has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** A diff as shown: long shared stretches may be cut to `elided`, never a changed word. */
export type ShownPart = DiffPart | { kind: 'elided' };

/**
 * Past this many LCS cells (old tokens × new tokens, after the shared head and tail are cut off) the
 * middle is shown as replaced whole: a pathological edit must not freeze the page.
 */
const MAX_LCS_CELLS = 2_000_000;

// Numbers stay whole ("1,000", "10.5"), so "7 天" → "15 天" marks 7 and 15, not digits.
const NUMBER = String.raw`\p{N}+(?:[.,:]\p{N}+)*`;
const HAN = String.raw`\p{Script=Han}`;
const OTHER_WORD = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}_'’])+`;
const FALLBACK_TOKEN = new RegExp(`${NUMBER}|${HAN}|${OTHER_WORD}|\\s+|[^]`, 'gu');

/**
 * Splits text into the units a reader compares: words (Intl.Segmenter's dictionary words for Chinese),
 * numbers, spaces and punctuation. Browsers without Intl.Segmenter (Firefox before 125) get Latin words
 * and single Chinese characters, which the diff then groups into runs.
 */
export function diffTokens(text: string): string[] {
  if (text === '') return [];
  if (typeof Intl.Segmenter === 'function') {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    return [...segmenter.segment(text)].map((segment) => segment.segment);
  }
  return text.match(FALLBACK_TOKEN) ?? [text];
}

/** Word-level diff of two texts: a longest common subsequence over their tokens. */
export function diffWords(before: string, after: string): DiffPart[] {
  const old = diffTokens(before);
  const now = diffTokens(after);
  let head = 0;
  while (head < old.length && head < now.length && old[head] === now[head]) head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < now.length - head &&
    old[old.length - 1 - tail] === now[now.length - 1 - tail]
  )
    tail++;
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string): void => {
    if (text !== '') parts.push({ kind, text });
  };
  push('same', old.slice(0, head).join(''));
  for (const part of diffMiddle(old.slice(head, old.length - tail), now.slice(head, now.length - tail)))
    push(part.kind, part.text);
  push('same', old.slice(old.length - tail).join(''));
  return tidy(parts);
}

function diffMiddle(old: readonly string[], now: readonly string[]): DiffPart[] {
  if (old.length === 0 || now.length === 0 || old.length * now.length > MAX_LCS_CELLS)
    return [
      { kind: 'removed', text: old.join('') },
      { kind: 'added', text: now.join('') },
    ];
  // lengths[i * width + j]: the LCS of old[i..] and now[j..].
  const width = now.length + 1;
  const lengths = new Uint32Array((old.length + 1) * width);
  for (let i = old.length - 1; i >= 0; i--)
    for (let j = now.length - 1; j >= 0; j--)
      lengths[i * width + j] =
        old[i] === now[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < now.length) {
    if (i < old.length && j < now.length && old[i] === now[j]) {
      parts.push({ kind: 'same', text: old[i]! });
      i++;
      j++;
    } else if (
      j >= now.length ||
      (i < old.length && lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)
    ) {
      parts.push({ kind: 'removed', text: old[i++]! });
    } else {
      parts.push({ kind: 'added', text: now[j++]! });
    }
  }
  return parts;
}

type Stretch = { kind: 'same'; text: string } | { kind: 'change'; removed: string; added: string };

/**
 * Merges neighbours of one kind and shows each changed stretch as "old, then new". Shared text no longer
 * than the changes on both sides of it is folded into them (diff-match-patch's semantic cleanup): "7 天" →
 * "15 日" reads as one replacement, and a rewritten sentence as old and new rather than confetti of
 * common words.
 */
function tidy(parts: readonly DiffPart[]): DiffPart[] {
  const stretches: Stretch[] = [];
  for (const part of parts) {
    const last = stretches.at(-1);
    if (part.kind === 'same') {
      if (last?.kind === 'same') last.text += part.text;
      else stretches.push({ kind: 'same', text: part.text });
    } else if (last?.kind === 'change') {
      last[part.kind] += part.text;
    } else {
      stretches.push({ kind: 'change', removed: '', added: '', [part.kind]: part.text });
    }
  }
  const size = (stretch: Stretch | undefined): number =>
    stretch?.kind === 'change' ? Math.max(stretch.removed.length, stretch.added.length) : 0;
  for (let index = 1; index < stretches.length - 1;) {
    const before = stretches[index - 1]!;
    const shared = stretches[index]!;
    const after = stretches[index + 1]!;
    if (
      shared.kind === 'same' &&
      before.kind === 'change' &&
      after.kind === 'change' &&
      shared.text.length <= size(before) &&
      shared.text.length <= size(after)
    ) {
      stretches.splice(index - 1, 3, {
        kind: 'change',
        removed: before.removed + shared.text + after.removed,
        added: before.added + shared.text + after.added,
      });
      // The merged change is bigger: the shared text before it may now fold in too.
      index = Math.max(1, index - 2);
    } else {
      index++;
    }
  }
  return stretches.flatMap((stretch): DiffPart[] =>
    stretch.kind === 'same'
      ? [{ kind: 'same', text: stretch.text }]
      : [
          ...(stretch.removed === '' ? [] : [{ kind: 'removed' as const, text: stretch.removed }]),
          ...(stretch.added === '' ? [] : [{ kind: 'added' as const, text: stretch.added }]),
        ],
  );
}

export interface CollapseOptions {
  /** Characters of shared text kept on each side of a change (whole tokens, so a little more). */
  contextChars?: number;
}

/**
 * Cuts long shared stretches down to the words around each change. A line break ends the context, so in
 * a list of phrasings only the changed lines show, the others folded into one `elided` mark.
 */
export function collapseUnchanged(parts: readonly DiffPart[], options: CollapseOptions = {}): ShownPart[] {
  const context = options.contextChars ?? 24;
  const shown: ShownPart[] = [];
  parts.forEach((part, index) => {
    if (part.kind !== 'same') {
      shown.push(part);
      return;
    }
    const changeBefore = index > 0;
    const changeAfter = index < parts.length - 1;
    const tokens = diffTokens(part.text);
    const kept = {
      head: changeBefore ? takeContext(tokens, context) : [],
      tail: changeAfter ? takeContext([...tokens].reverse(), context).reverse() : [],
    };
    // Folding less than a context's worth of text would save nothing and hide a word or two.
    const hidden = tokens.slice(
      kept.head.length,
      Math.max(kept.head.length, tokens.length - kept.tail.length),
    );
    if (hidden.join('').length < context) {
      shown.push(part);
      return;
    }
    if (kept.head.length > 0) shown.push({ kind: 'same', text: kept.head.join('') });
    shown.push({ kind: 'elided' });
    if (kept.tail.length > 0) shown.push({ kind: 'same', text: kept.tail.join('') });
  });
  return shown;
}

/** Tokens from the start of `tokens` up to `chars` characters, or up to and including a line break. */
function takeContext(tokens: readonly string[], chars: number): string[] {
  const taken: string[] = [];
  let length = 0;
  for (const token of tokens) {
    if (length >= chars) break;
    taken.push(token);
    length += token.length;
    if (token.includes('\n')) break;
  }
  return taken;
}
