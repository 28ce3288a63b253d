import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import type { Ticket } from '../../engine/tickets/ticket.js';
import type { WebhookEmitter } from './webhook-emitter.js';

/**
 * A ticket store that emits `ticket.created` and `ticket.updated` once a write is committed (a refused or
 * conflicting write sends nothing). Titles and descriptions are left out: staff type viewers' details there.
 */
export function webhookTicketStore(inner: TicketStore, emitter: WebhookEmitter): TicketStore {
  return {
    async insert(change) {
      await inner.insert(change);
      emitter.emit({
        type: 'ticket.created',
        occurredAt: change.ticket.createdAt,
        data: ticketData(change.ticket),
      });
    },
    async replace(change, expectedVersion) {
      const replaced = await inner.replace(change, expectedVersion);
      if (replaced && change.history.length > 0)
        emitter.emit({
          type: 'ticket.updated',
          occurredAt: change.ticket.updatedAt,
          data: {
            ...ticketData(change.ticket),
            changed: [...new Set(change.history.map((entry) => entry.field))],
            by: change.history[0]?.actorId,
          },
        });
      return replaced;
    },
    appendHistory: (entries) => inner.appendHistory(entries),
    get: (id) => inner.get(id),
    history: (id) => inner.history(id),
    list: (filter, page) => inner.list(filter, page),
  };
}

function ticketData(ticket: Ticket) {
  return {
    ticketId: ticket.id,
    version: ticket.version,
    status: ticket.status,
    priority: ticket.priority,
    department: ticket.department,
    assigneeId: ticket.assigneeId,
    tags: ticket.tags,
    ...(ticket.conversationId ? { conversationId: ticket.conversationId } : {}),
    ...(ticket.roomId ? { roomId: ticket.roomId } : {}),
    ...(ticket.orderId ? { orderId: ticket.orderId } : {}),
    ...(ticket.viewer ? { viewerId: ticket.viewer.viewerId } : {}),
    ...(ticket.dueAt ? { dueAt: ticket.dueAt } : {}),
    createdBy: ticket.createdBy,
  };
}
