export const WEBHOOK_MIGRATION_DESCRIPTION =
  'outbound webhook subscriptions and their durable delivery outbox';

/**
 * Subscriptions (`events` as a JSON array) and the outbox: one row per event per subscription, pending until
 * delivered (then deleted) or dead (kept for an admin). `next_attempt_at_ms` orders the pending ones.
 */
export const WEBHOOK_MIGRATION_SQL = `
  CREATE TABLE webhook_subscriptions (
    subscription_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL CHECK (json_valid(events)),
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    description TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE webhook_deliveries (
    delivery_id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (subscription_id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at_ms);
  CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id);
`;
