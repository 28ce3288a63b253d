/** Submitted dispute forms (issue 16); columns match the PostgreSQL table. */
export const DISPUTE_MIGRATION_DESCRIPTION = 'gift and top-up disputes submitted through their forms';

export const DISPUTE_MIGRATION_SQL = `
  CREATE TABLE disputes (
    dispute_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    viewer_id TEXT NOT NULL,
    form_id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    currency TEXT NOT NULL,
    facts TEXT NOT NULL,
    decision TEXT NOT NULL,
    ticket_id TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX disputes_by_conversation ON disputes (conversation_id, created_at);
  CREATE INDEX disputes_by_ticket ON disputes (ticket_id) WHERE ticket_id IS NOT NULL;
`;
