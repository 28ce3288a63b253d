import type { TicketService } from '../../engine/tickets/ticket-service.js';

/** Who the desk says opened a ticket it opened on its own. */
const DESK_ACTOR = { userId: 'desk', name: 'Livedesk', supervisor: false } as const;

/**
 * Opens (or finds) the ticket that holds an out-of-hours viewer's question until the team is back;
 * resolves to its id, undefined when none could be made.
 */
export function outOfHoursTicketOpener(
  tickets: Pick<TicketService, 'createFromConversation' | 'openTicketFor'>,
): (conversationId: string) => Promise<string | undefined> {
  return async (conversationId) => {
    const existing = await tickets.openTicketFor(conversationId);
    if (existing) return existing.id;
    const made = await tickets.createFromConversation(conversationId, { tags: ['out-of-hours'] }, DESK_ACTOR);
    return made.ok ? made.value.id : undefined;
  };
}
