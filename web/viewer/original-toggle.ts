import { h } from '../shared/dom.js';
import { originalLabel } from '../shared/original-label.js';

/** A translated agent reply's own words, folded under a small "original" toggle. */
export function originalToggle(original: string, language: string): HTMLDetailsElement {
  return h('details', { className: 'original' }, [
    h('summary', { text: originalLabel(language) }),
    h('span', { className: 'original-text', text: original }),
  ]);
}
