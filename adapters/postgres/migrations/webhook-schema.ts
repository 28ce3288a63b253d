import type { PostgresMigration } from '../postgres-migration.js';

/** Outbound webhook subscriptions and their durable delivery outbox (issue 15); columns match the SQLite tables. */
export const WEBHOOK_SCHEMA: PostgresMigration = {
  version: 9,
  name: 'webhook-schema',
  statements: [
    `CREATE TABLE webhook_subscriptions (
      subscription_id text COLLATE "C" PRIMARY KEY,
      url text NOT NULL,
      events jsonb NOT NULL,
      active boolean NOT NULL,
      description text NOT NULL,
      secret text NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      created_by text NOT NULL,
      updated_at text NOT NULL
    )`,
    `CREATE TABLE webhook_deliveries (
      delivery_id text COLLATE "C" PRIMARY KEY,
      subscription_id text NOT NULL REFERENCES webhook_subscriptions (subscription_id) ON DELETE CASCADE,
      event_id text NOT NULL,
      event_type text NOT NULL,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at_ms bigint NOT NULL,
      last_error text,
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    )`,
    'CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at_ms)',
    'CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id)',
  ],
};
