import type { Dispute, DisputeStatus } from './dispute.js';

/** Where submitted disputes are kept (SQLite and PostgreSQL adapters; test/contracts/dispute-store.contract.ts). */
export interface DisputeStore {
  /** Stores a new dispute; when its form was already submitted, stores nothing and returns that one. */
  insert(dispute: Dispute): Promise<{ inserted: true } | { inserted: false; existing: Dispute }>;
  get(id: string): Promise<Dispute | undefined>;
  findByTicket(ticketId: string): Promise<Dispute | undefined>;
  /** Links the ticket made for the dispute; false when there is no such dispute. */
  setTicket(id: string, ticketId: string, at: string): Promise<boolean>;
  /** The status its ticket moved to; false when there is no such dispute. */
  setStatus(id: string, status: DisputeStatus, at: string): Promise<boolean>;
  /** A conversation's disputes, oldest first. */
  listByConversation(conversationId: string): Promise<Dispute[]>;
}
