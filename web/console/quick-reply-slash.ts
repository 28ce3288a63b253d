/** A `/shortcut` being typed: where it starts in the text and what has been typed so far (with the slash). */
export interface SlashToken {
  start: number;
  end: number;
  typed: string;
}

/**
 * The quick-reply shortcut the caret is in: a `/` at the start of the text or after a space or line
 * break, then letters, digits, `-` or `_` up to the caret. A slash inside a word (`1/2`, a URL) is not one.
 */
export function slashTokenAt(text: string, caret: number): SlashToken | undefined {
  const before = text.slice(0, caret);
  const match = /(^|\s)(\/[\p{L}\p{N}_-]*)$/u.exec(before);
  if (!match) return undefined;
  const typed = match[2] ?? '';
  return { start: caret - typed.length, end: caret, typed };
}

/**
 * The replies whose shortcut starts with what was typed (case-insensitive), in the order given (the
 * server lists the most used first); titles that contain the typed word (two letters or more) come after.
 */
export function matchingQuickReplies<T extends { shortcut: string; title: string }>(
  replies: readonly T[],
  typed: string,
): T[] {
  const needle = typed.toLowerCase();
  const word = needle.replace(/^\//, '');
  const byShortcut = replies.filter((reply) => reply.shortcut.toLowerCase().startsWith(needle));
  // A single letter is in too many titles to help.
  const byTitle =
    [...word].length < 2
      ? []
      : replies.filter((reply) => !byShortcut.includes(reply) && reply.title.toLowerCase().includes(word));
  return [...byShortcut, ...byTitle];
}

/** Replaces the shortcut with the reply's text, returning the new text and where the caret goes. */
export function replaceSlashToken(
  text: string,
  token: Pick<SlashToken, 'start' | 'end'>,
  replacement: string,
): { text: string; caret: number } {
  const next = `${text.slice(0, token.start)}${replacement}${text.slice(token.end)}`;
  return { text: next, caret: token.start + replacement.length };
}
