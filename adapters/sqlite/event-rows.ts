/** One conversation event ready to store: the serialised body and the columns beside it. */
export interface EventRow {
  conversationId: string;
  type: string;
  at: string;
  body: string;
}

/** Stores rows in one transaction, in order, and returns each row's sequence in its conversation. */
export interface EventRowWriter {
  write(rows: readonly EventRow[]): Promise<number[]>;
  close(): Promise<void>;
}

export const NEXT_SEQUENCE_SQL =
  'SELECT coalesce(max(sequence), 0) + 1 AS next FROM conversation_events WHERE conversation_id = ?';
export const INSERT_EVENT_SQL =
  'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES (?, ?, ?, ?, ?)';
