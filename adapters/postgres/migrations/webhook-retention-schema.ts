import type { PostgresMigration } from '../postgres-migration.js';

/**
 * Webhook secret rotation with a grace period, and dead letters pruned by age and count; columns and indexes
 * match the SQLite migration (adapters/sqlite/webhook-retention-schema.ts).
 */
export const WEBHOOK_RETENTION_SCHEMA: PostgresMigration = {
  version: 13,
  name: 'webhook-retention-schema',
  statements: [
    'ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret text',
    'ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret_expires_at text COLLATE "C"',
    'DROP INDEX webhook_deliveries_by_subscription',
    'CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, status, updated_at)',
    'CREATE INDEX webhook_deliveries_dead_by_age ON webhook_deliveries (status, updated_at)',
  ],
};
