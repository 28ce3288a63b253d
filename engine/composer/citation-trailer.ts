/**
 * The machine-readable line the grounded prompt asks the model to end with: `[[sources: id1,id2]]`,
 * or `[[sources: none]]`. The viewer never sees it: `createCitationTrailerFilter` takes it out of
 * the stream, even when it arrives split across chunks.
 *
 * Forgery: a viewer can make a model repeat a fake trailer (an echo attack), so
 * - only a marker at the very end of the answer counts; markers elsewhere are removed and ignored;
 * - only ids of entries given to this request count; any other id is dropped;
 * - the prompt builder breaks up `[[` in every untrusted text it sends, so a repeated viewer text
 *   can no longer form a marker at all.
 * Ids holding `]`, `,` or `，` cannot be cited this way (entry ids hold no spaces).
 */
export const CITATION_TRAILER_EXAMPLE = '[[sources: id1,id2]]';
/** What the model writes when it used no entry; dropped like any id not given to the request. */
export const NO_SOURCES = 'none';

const COMPLETE_MARKER = /^\[\[\s*sources?\s*[:：]([^\]\n]*)\]\]/i;
/** What a marker can look like before it is complete: `[[`, `[[sour`, `[[sources: a,b]`. */
const PARTIAL_MARKER = /^\[\[\s*(?:s(?:o(?:u(?:r(?:c(?:e(?:s?\s*(?:[:：][^\]\n]*\]?)?)?)?)?)?)?)?)?$/i;
/** A marker longer than this is not one: its text is released to the viewer. */
const MAX_MARKER_CHARS = 2048;

export interface CitationTrailerResult {
  /** Visible text that was still held back (never the marker, never trailing whitespace). */
  text: string;
  /** Cited ids, in the model's order, deduplicated, limited to the allowed ids. */
  entryIds: string[];
  /** Whether the answer ended with a marker at all (even one citing nothing usable). */
  trailerFound: boolean;
}

export interface CitationTrailerFilter {
  /** Feeds model text; returns what can be shown now (possibly ''). */
  push(text: string): string;
  /** The stream ended: returns the held-back rest and the citations. */
  end(): CitationTrailerResult;
}

export function createCitationTrailerFilter(allowedIds: Iterable<string>): CitationTrailerFilter {
  const allowed = new Set(allowedIds);
  let pending = '';
  let heldWhitespace = '';
  let trailerIds: string[] | undefined;
  /** Right after a removed marker: whitespace on both sides of it collapses into the held one. */
  let afterMarker = false;

  /** Passes visible text through, holding back trailing whitespace so none is left before a trailer. */
  function release(text: string): string {
    if (afterMarker && heldWhitespace !== '') text = text.replace(/^\s+/u, '');
    if (text === '') return '';
    afterMarker = false;
    const combined = heldWhitespace + text;
    const trailing = /\s*$/u.exec(combined)?.[0] ?? '';
    heldWhitespace = trailing;
    const visible = combined.slice(0, combined.length - trailing.length);
    if (visible !== '') trailerIds = undefined; // text after a marker: that marker was not the trailer
    return visible;
  }

  function drain(final: boolean): string {
    let out = '';
    for (;;) {
      const start = pending.indexOf('[[');
      if (start < 0) {
        const keep = !final && pending.endsWith('[') ? 1 : 0;
        out += release(pending.slice(0, pending.length - keep));
        pending = pending.slice(pending.length - keep);
        return out;
      }
      out += release(pending.slice(0, start));
      pending = pending.slice(start);
      const complete = COMPLETE_MARKER.exec(pending);
      if (complete) {
        trailerIds = parseIds(complete[1] ?? '');
        pending = pending.slice(complete[0].length);
        afterMarker = true;
        continue;
      }
      if (PARTIAL_MARKER.test(pending) && pending.length <= MAX_MARKER_CHARS) {
        if (final) pending = ''; // a trailer cut off (finish reason 'length'): never shown
        return out;
      }
      out += release('[');
      pending = pending.slice(1);
    }
  }

  return {
    push(text) {
      pending += text;
      return drain(false);
    },
    end() {
      const text = drain(true);
      heldWhitespace = '';
      const ids = trailerIds ?? [];
      return {
        text,
        entryIds: [...new Set(ids)].filter((id) => allowed.has(id)),
        trailerFound: trailerIds !== undefined,
      };
    },
  };
}

function parseIds(list: string): string[] {
  return list
    .split(/[,，\s]+/u)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** Breaks up `[[` and `]]` in untrusted text so that repeating it can never form a marker. */
export function neutralizeMarkers(text: string): string {
  return text.replace(/\[(?=\[)/g, '[ ').replace(/\](?=\])/g, '] ');
}
