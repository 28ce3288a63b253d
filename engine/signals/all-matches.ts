/**
 * Every match of a global regular expression, exactly as `text.matchAll(regex)` gives them. matchAll copies
 * the expression on each call, which on a short message costs more than the scan itself (and signals run a
 * few hundred scans a message); this runs the expression itself from `lastIndex` 0 and leaves it at 0.
 */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  if (!regex.global) throw new TypeError('allMatches needs a global regular expression');
  const matches: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    matches.push(match);
    if (match[0].length === 0) regex.lastIndex = pastEmptyMatch(regex, text, regex.lastIndex);
  }
  return matches;
}

/** Where matchAll goes on after an empty match: one code point under `u` or `v` (a surrogate pair whole). */
function pastEmptyMatch(regex: RegExp, text: string, index: number): number {
  const unicode = regex.unicode || regex.flags.includes('v');
  const codePoint = unicode ? text.codePointAt(index) : undefined;
  return index + (codePoint !== undefined && codePoint > 0xffff ? 2 : 1);
}
