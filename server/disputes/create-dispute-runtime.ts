import { randomUUID } from 'node:crypto';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { DisputePolicy } from '../../engine/disputes/dispute-policy.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { TicketService } from '../../engine/tickets/ticket-service.js';
import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { Logger } from '../logging/logger.js';
import { disputeFlowObserver } from './dispute-flow-observer.js';
import { DisputeService, type DisputeSubmitResult } from './dispute-service.js';
import { disputeTicketStore } from './dispute-ticket-store.js';
import { createEntryFlowCatalog } from './entry-flow-catalog.js';

export interface DisputeRuntime {
  /** Wraps the ticket store so a dispute ticket's moves reach its viewer. */
  wrapTickets(inner: TicketStore): TicketStore;
  /** What the viewer gateway calls with a submitted form. */
  viewerDisputes: Pick<DisputeService, 'submit'>;
  /** Starts offering forms; call once the desk (its directory) and the ticket service exist. */
  start(parts: {
    tickets: Pick<TicketService, 'create' | 'get'>;
    directory: ConversationDirectory;
    knowledgeBase: Pick<KnowledgeBase, 'store' | 'ask'>;
  }): Promise<void>;
  close(): void;
}

/** Wires the dispute flow (issue 16) into the server; the pieces it needs arrive as the server is built. */
export function createDisputeRuntime(options: {
  policy: DisputePolicy;
  store: DisputeStore;
  events: ConversationEventLog<ConversationEvent>;
  clock?: (() => Date) | undefined;
  logger: Logger;
}): DisputeRuntime {
  let service: DisputeService | undefined;
  const stops: (() => void)[] = [];
  const onError = (error: unknown, context: { conversationId?: string; ticketId?: string }) =>
    options.logger.error({ ...context, error }, 'dispute flow failed');
  return {
    wrapTickets: (inner) =>
      disputeTicketStore(inner, (ticket) => {
        service?.ticketChanged(ticket).catch((error: unknown) => onError(error, { ticketId: ticket.id }));
      }),
    viewerDisputes: {
      submit: (channel, submission): Promise<DisputeSubmitResult> =>
        service
          ? service.submit(channel, submission)
          : Promise.resolve({ ok: false, code: 'unavailable', message: 'disputes are starting; try again' }),
    },
    async start(parts) {
      const started = new DisputeService({
        store: options.store,
        tickets: parts.tickets,
        events: options.events,
        directory: () => parts.directory,
        policy: options.policy,
        clock: options.clock ?? (() => new Date()),
        newId: randomUUID,
        onError,
      });
      const catalog = await createEntryFlowCatalog(parts.knowledgeBase.store);
      stops.push(() => catalog.close());
      stops.push(
        parts.directory.observe(
          disputeFlowObserver({
            flowOf: (entryId) => catalog.flowOf(entryId),
            ask: (question) => parts.knowledgeBase.ask(question),
            offer: (conversationId, flow) => started.offer(conversationId, flow),
            onError: (error, conversationId) => onError(error, { conversationId }),
          }),
        ),
      );
      service = started;
    },
    close() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
