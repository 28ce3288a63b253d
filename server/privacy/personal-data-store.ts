/**
 * What erasure and retention need from storage, beside the ports that read and write one record: finding a
 * viewer's or an old record's ids, and deleting or rewriting them whole. Each call works on the ids given,
 * in one transaction per call, so a batch is either done or not.
 */
export interface PersonalDataStore {
  /** The conversations this viewer opened (their `conversation-opened` event names them). */
  conversationsOfViewer(viewerId: string): Promise<string[]>;
  /** Tickets naming this viewer, or made from one of these conversations. */
  ticketsOf(viewerId: string, conversationIds: readonly string[]): Promise<string[]>;
  /**
   * Closed conversations with nothing newer than `before` (ISO time), not yet anonymised (their viewer id
   * starts with `erased-`), oldest first, at most `limit`.
   */
  closedConversationsBefore(before: string, limit: number): Promise<string[]>;
  /** Closed tickets last changed before `before`, not yet anonymised (tag `anonymised`), at most `limit`. */
  closedTicketsBefore(before: string, limit: number): Promise<string[]>;
  /**
   * Deletes these conversations' events, desk labels, sensitive marks, disputes and the phrasing proposals
   * made from them (first or last seen there: their question is the viewer's); how many conversations had
   * events.
   */
  deleteConversations(conversationIds: readonly string[]): Promise<number>;
  /**
   * Rewrites every event body and every dispute of these conversations with `rewrite`, and deletes their desk
   * labels (with their marks) and the phrasing proposals made from them (a label or proposal is the viewer's question, and
   * teaches nothing without it); how many conversations had events.
   */
  rewriteConversations(conversationIds: readonly string[], rewrite: ConversationRewrite): Promise<number>;
  /** Deletes these tickets and their history; how many there were. */
  deleteTickets(ticketIds: readonly string[]): Promise<number>;
  /** Rewrites these tickets' bodies and their history rows; how many there were. */
  rewriteTickets(
    ticketIds: readonly string[],
    rewrite: { ticket: (body: unknown) => unknown; history: (body: unknown) => unknown },
  ): Promise<number>;
}

/** How an anonymised conversation's records are rewritten. */
export interface ConversationRewrite {
  /** Each stored event body. */
  event(body: unknown): unknown;
  /** Each dispute filed in the conversation: who filed it and what their form said. */
  dispute(record: { viewerId: string; facts: unknown }): { viewerId: string; facts: unknown };
}
