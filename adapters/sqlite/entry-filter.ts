import { localizedViews } from '../../knowledge/entry.js';
import type { Entry } from '../../knowledge/entry.js';
import type { EntryFilter } from '../../knowledge/ports.js';

/** Tag and enabled match exactly; text is a case-insensitive substring of the id or any question or answer. */
export function entryMatchesFilter(filter: EntryFilter): (entry: Entry) => boolean {
  const text = filter.text?.trim().toLocaleLowerCase();
  return (entry) => {
    if (filter.enabled !== undefined && entry.enabled !== filter.enabled) return false;
    if (filter.tag !== undefined && !entry.tags.includes(filter.tag)) return false;
    if (!text) return true;
    const haystack = [entry.id, ...localizedViews(entry).flatMap((view) => [...view.questions, view.answer])];
    return haystack.some((value) => value.toLocaleLowerCase().includes(text));
  };
}
