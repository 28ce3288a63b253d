import type { TicketChange } from './apply-ticket-update.js';
import type { Ticket, TicketHistoryEntry, TicketPriority, TicketStatus } from './ticket.js';

export interface TicketFilter {
  status?: TicketStatus | undefined;
  department?: string | undefined;
  priority?: TicketPriority | undefined;
  /** `null`: only unassigned tickets. */
  assigneeId?: string | null | undefined;
  conversationId?: string | undefined;
}

export interface TicketPage {
  /** Newest first. */
  tickets: Ticket[];
  /** How many tickets match the filter in all. */
  total: number;
}

/**
 * Where tickets and their history are kept. Each write stores the ticket and its history rows together
 * or not at all. A conversation has at most one ticket that is not closed: a second is a conflict.
 */
export interface TicketStore {
  /** Fails with `conflict` when the id is taken or the conversation already has an unclosed ticket. */
  insert(change: TicketChange): Promise<void>;
  /**
   * Writes `change.ticket` over the stored one only while the stored version is still
   * `expectedVersion`; resolves false (and writes nothing) when someone changed it meanwhile.
   */
  replace(change: TicketChange, expectedVersion: number): Promise<boolean>;
  /** History rows that change no field (comments). */
  appendHistory(entries: readonly TicketHistoryEntry[]): Promise<void>;
  get(id: string): Promise<Ticket | undefined>;
  /** Oldest first. */
  history(id: string): Promise<TicketHistoryEntry[]>;
  list(filter: TicketFilter, page: { limit: number; offset: number }): Promise<TicketPage>;
}
