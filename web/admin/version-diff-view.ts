import { h } from '../shared/dom.js';
import type { EntryVersion } from '../shared/knowledge-api.js';
import type { AdminTexts } from './admin-texts.js';
import { entryChanges, type FieldChange } from './entry-changes.js';
import { collapseUnchanged, diffWords } from './word-diff.js';

/**
 * What a version changed, field by field, each as a word diff: removed words in `<del>`, added in `<ins>`,
 * long unchanged stretches folded to "…".
 */
export function versionDiffView(version: EntryVersion, texts: AdminTexts): HTMLElement {
  const formatDate = (iso: string): string => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? iso
      : date.toLocaleString(texts.locale, { dateStyle: 'medium', timeStyle: 'short' });
  };
  const changes = entryChanges(version, {
    enabled: texts.enabledValue,
    scope: (scope) => texts.scopeValue(scope, formatDate) || texts.everywhere,
  });
  if (changes.length === 0)
    return h('div', { className: 'version-change muted', text: texts.noVisibleChange });
  return h(
    'dl',
    { className: 'version-change' },
    changes.flatMap((change) => [
      h('dt', { text: fieldLabel(change, texts) }),
      h('dd', { className: 'diff' }, diffNodes(change, texts)),
    ]),
  );
}

function fieldLabel(change: FieldChange, texts: AdminTexts): string {
  const name = texts.fields[change.field];
  return change.locale === undefined ? name : texts.fieldIn(name, change.locale);
}

function diffNodes(change: FieldChange, texts: AdminTexts): Node[] {
  return collapseUnchanged(diffWords(change.before, change.after)).map((part) => {
    switch (part.kind) {
      case 'same':
        return document.createTextNode(part.text);
      case 'removed':
        return h('del', { text: part.text, title: texts.removedText });
      case 'added':
        return h('ins', { text: part.text, title: texts.addedText });
      case 'elided':
        return h('span', { className: 'elided', text: '…', title: texts.elided });
    }
  });
}
