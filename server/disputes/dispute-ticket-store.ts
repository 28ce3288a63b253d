import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import type { Ticket } from '../../engine/tickets/ticket.js';

/**
 * A ticket store that reports each committed status change, so a dispute's viewer hears that its ticket
 * moved (server/disputes/dispute-service.ts). A refused or conflicting write reports nothing.
 */
export function disputeTicketStore(
  inner: TicketStore,
  onStatusChanged: (ticket: Ticket) => void,
): TicketStore {
  return {
    insert: (change) => inner.insert(change),
    async replace(change, expectedVersion) {
      const replaced = await inner.replace(change, expectedVersion);
      if (replaced && change.history.some((entry) => entry.field === 'status'))
        onStatusChanged(change.ticket);
      return replaced;
    },
    appendHistory: (entries) => inner.appendHistory(entries),
    get: (id) => inner.get(id),
    history: (id) => inner.history(id),
    list: (filter, page) => inner.list(filter, page),
  };
}
