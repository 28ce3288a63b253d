const OPEN = '[[hold]]';
const CLOSE = '[[/hold]]';

export interface TextSegment {
  text: string;
  /** Spoken to the end even if the viewer talks over it: a price, a legal confirmation. */
  uninterruptible: boolean;
}

/**
 * Splits streamed text on `[[hold]]…[[/hold]]` markers, which may arrive cut across chunks: a possible
 * marker prefix at a chunk's end is held back until the next chunk settles it.
 */
export class HeldSegmentParser {
  private buffer = '';
  private holding = false;

  push(chunk: string): TextSegment[] {
    this.buffer += chunk;
    const segments: TextSegment[] = [];
    for (;;) {
      const marker = this.holding ? CLOSE : OPEN;
      const index = this.buffer.indexOf(marker);
      if (index >= 0) {
        if (index > 0) segments.push({ text: this.buffer.slice(0, index), uninterruptible: this.holding });
        this.buffer = this.buffer.slice(index + marker.length);
        this.holding = !this.holding;
        continue;
      }
      const keep = partialMarkerLength(this.buffer, marker);
      const ready = this.buffer.slice(0, this.buffer.length - keep);
      if (ready) segments.push({ text: ready, uninterruptible: this.holding });
      this.buffer = this.buffer.slice(this.buffer.length - keep);
      return segments;
    }
  }

  /** What is left at the end of the stream; an unclosed marker is plain text. */
  flush(): TextSegment[] {
    const rest = this.buffer;
    this.buffer = '';
    return rest ? [{ text: rest, uninterruptible: this.holding }] : [];
  }
}

function partialMarkerLength(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(marker.slice(0, length))) return length;
  }
  return 0;
}

/** The text without markers, as a transcript shows it. */
export function stripHoldMarkers(text: string): string {
  return text.split(OPEN).join('').split(CLOSE).join('');
}
