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
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  timeoutMs: 10_000,
  maxAttempts: 8,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  concurrency: 4,
  pollIntervalMs: 2_000,
  allowPrivate: false,
};
