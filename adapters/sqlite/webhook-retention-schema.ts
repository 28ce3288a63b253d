export const WEBHOOK_RETENTION_MIGRATION_DESCRIPTION =
  'webhook secret rotation with a grace period, and dead letters pruned by age and count';

/**
 * The secret a rotation replaced and when it stops signing (ISO time; both NULL outside a grace period).
 * Dead letters are pruned by when they failed (`updated_at`), overall and per subscription: the per-subscription
 * index replaces the plain one, which it also serves (a subscription's deletion cascades through it).
 */
export const WEBHOOK_RETENTION_MIGRATION_SQL = `
  ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret TEXT;
  ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret_expires_at TEXT;
  DROP INDEX webhook_deliveries_by_subscription;
  CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, status, updated_at);
  CREATE INDEX webhook_deliveries_dead_by_age ON webhook_deliveries (status, updated_at);
`;
