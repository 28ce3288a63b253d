/** How deliveries are made and retried (LIVEDESK_WEBHOOK_* in server/config.ts). */
export interface WebhookSettings {
  /** One attempt's limit, connection to response headers. */
  timeoutMs: number;
  /** Attempts in all before a delivery becomes a dead letter. */
  maxAttempts: number;
  /** The first retry's delay; each further one doubles, with jitter, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Deliveries in flight at once, across all receivers. */
  concurrency: number;
  /** How often the outbox is read when nothing woke the dispatcher. */
  pollIntervalMs: number;
  allowPrivate: boolean;
  allowedHosts?: readonly string[] | undefined;
  /** How long a rotated-out secret still signs deliveries, beside the new one (0: none). Default 24 h. */
  secretGraceSeconds?: number | undefined;
  /** Dead letters older than this are dropped. Default 30 days. */
  deadLetterRetentionDays?: number | undefined;
  /** At most this many dead letters per subscription; the oldest go first. Default 10,000. */
  deadLettersPerSubscription?: number | undefined;
  /** How often the delivering node prunes dead letters and expired secrets. Default hourly. */
  maintenanceIntervalMs?: number | undefined;
}

export const DEFAULT_SECRET_GRACE_SECONDS = 86_400;
export const DEFAULT_DEAD_LETTER_RETENTION_DAYS = 30;
export const DEFAULT_DEAD_LETTERS_PER_SUBSCRIPTION = 10_000;
export const DEFAULT_WEBHOOK_MAINTENANCE_MS = 3_600_000;

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  timeoutMs: 10_000,
  maxAttempts: 8,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  concurrency: 4,
  pollIntervalMs: 2_000,
  allowPrivate: false,
};
