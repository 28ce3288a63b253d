/**
 * Where a clause ends. opencc's phrases never span one, so converting clause by clause gives what
 * converting the whole answer at once would.
 */
const CLAUSE_END = /[\n\s。！？!?，,；;：:、）)」』”]/gu;
/** A clause this long without punctuation is converted as it stands, so the stream never stalls. */
const MAX_HELD_CHARS = 40;

/**
 * Converts a streamed answer to Traditional as it arrives, holding back only the clause still being
 * written: a phrase cut between two chunks (软|件) would otherwise be converted character by character
 * (軟件 instead of 軟體).
 */
export class TraditionalStream {
  private held = '';

  constructor(private readonly convert: (text: string) => string) {}

  /** Text ready to send, converted; may be empty while a clause is still open. */
  push(text: string): string {
    this.held += text;
    let end = 0;
    for (const match of this.held.matchAll(CLAUSE_END)) end = match.index + match[0].length;
    if (end === 0 && this.held.length >= MAX_HELD_CHARS) end = this.held.length;
    if (end === 0) return '';
    const ready = this.held.slice(0, end);
    this.held = this.held.slice(end);
    return this.convert(ready);
  }

  /** Whatever is still held, converted: the stream has ended. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest === '' ? '' : this.convert(rest);
  }
}
