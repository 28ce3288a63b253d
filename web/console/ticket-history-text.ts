import type { TicketHistoryEntry } from './console-api.js';
import type { ConsoleTexts } from './console-texts.js';

export interface TicketWords {
  texts: ConsoleTexts;
  staffName: (id: string) => string;
  departmentName: (id: string) => string;
}

function word(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function status(value: unknown, texts: ConsoleTexts): string {
  const text = word(value);
  return text in texts.ticketStatuses
    ? texts.ticketStatuses[text as keyof ConsoleTexts['ticketStatuses']]
    : text;
}

function priority(value: unknown, texts: ConsoleTexts): string {
  const text = word(value);
  return text in texts.ticketPriorities
    ? texts.ticketPriorities[text as keyof ConsoleTexts['ticketPriorities']]
    : text;
}

/** One history row in words: who did what, with names instead of ids and statuses in the UI language. */
export function describeTicketHistory(entry: TicketHistoryEntry, words: TicketWords): string {
  const { texts } = words;
  const lines = texts.historyLine;
  const actor = entry.actorName ?? words.staffName(entry.actorId);
  switch (entry.field) {
    case 'created': {
      const first = (typeof entry.after === 'object' && entry.after !== null ? entry.after : {}) as Record<
        string,
        unknown
      >;
      return lines.created(
        actor,
        words.departmentName(word(first.department)),
        priority(first.priority, texts),
      );
    }
    case 'status':
      return lines.status(actor, status(entry.before, texts), status(entry.after, texts));
    case 'department':
      return lines.department(
        actor,
        words.departmentName(word(entry.before)),
        words.departmentName(word(entry.after)),
      );
    case 'priority':
      return lines.priority(actor, priority(entry.before, texts), priority(entry.after, texts));
    case 'assigneeId':
      return typeof entry.after === 'string'
        ? lines.assignee(actor, words.staffName(entry.after))
        : lines.unassignedBy(actor);
    case 'title':
      return lines.title(actor);
    case 'description':
      return lines.description(actor);
    case 'tags':
      return lines.tags(
        actor,
        Array.isArray(entry.after) ? entry.after.map(word).join(texts.listSeparator) : '',
      );
    case 'comment':
      return lines.comment(actor);
    default:
      return `${actor}: ${entry.field}`;
  }
}
