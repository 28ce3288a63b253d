/** A piece of an answer spoken in one synthesis request, and where it lies in the answer's text. */
export interface SpeakableSegment {
  text: string;
  /** The span [start, end) of the answer's text (all its text deltas joined) this segment speaks. */
  start: number;
  end: number;
  uninterruptible: boolean;
}

const SENTENCE_END = /[。！？!?；;\n]/u;
const CLAUSE_END = /[，,、：:]/u;

export interface SpeakableSegmentOptions {
  /** A clause (up to a comma) is spoken alone once it is this long; shorter ones wait for more. */
  minClauseChars: number;
  /** A segment never grows past this: it is cut at the last space, else here. */
  maxChars: number;
}

/**
 * Cuts an answer streamed as text deltas into segments for the synthesiser: at sentence ends, at clause
 * ends once long enough, and never longer than `maxChars`, so speech starts after the first clause and a
 * played position maps back to the text at segment boundaries. Spans count every character, spaces too.
 */
export class SpeakableSegmenter {
  private readonly options: SpeakableSegmentOptions;
  private pending = '';
  private pendingStart = 0;
  private pendingUninterruptible = false;

  constructor(options: SpeakableSegmentOptions = { minClauseChars: 12, maxChars: 160 }) {
    this.options = options;
  }

  push(text: string, uninterruptible: boolean): SpeakableSegment[] {
    const segments: SpeakableSegment[] = [];
    // A change of hold never shares a segment: an uninterruptible part is spoken as one.
    if (this.pending !== '' && uninterruptible !== this.pendingUninterruptible)
      segments.push(...this.flush());
    this.pendingUninterruptible = uninterruptible;
    this.pending += text;
    for (;;) {
      const cut = this.cutAt();
      if (cut === undefined) break;
      segments.push(this.take(cut));
    }
    return segments;
  }

  /** The rest, at the answer's end. */
  flush(): SpeakableSegment[] {
    if (this.pending === '') return [];
    return [this.take(this.pending.length)];
  }

  private cutAt(): number | undefined {
    const text = this.pending;
    for (let index = 0; index < text.length; index++) {
      const char = text[index]!;
      if (SENTENCE_END.test(char)) return index + 1;
      if (char === '.') {
        // A full stop ends a sentence only before a space (not in 3.5): wait for the next character.
        const next = text[index + 1];
        if (next === undefined) return undefined;
        if (/\s/u.test(next)) return index + 2;
      }
      if (CLAUSE_END.test(char) && index + 1 >= this.options.minClauseChars) return index + 1;
      if (index + 1 >= this.options.maxChars) {
        const space = text.lastIndexOf(' ', index);
        return space > 0 ? space + 1 : index + 1;
      }
    }
    return undefined;
  }

  private take(length: number): SpeakableSegment {
    const text = this.pending.slice(0, length);
    const segment = {
      text,
      start: this.pendingStart,
      end: this.pendingStart + length,
      uninterruptible: this.pendingUninterruptible,
    };
    this.pending = this.pending.slice(length);
    this.pendingStart += length;
    return segment;
  }
}
