import type { Logger } from '../logging/logger.js';
import {
  DEFAULT_DEAD_LETTER_RETENTION_DAYS,
  DEFAULT_DEAD_LETTERS_PER_SUBSCRIPTION,
  DEFAULT_WEBHOOK_MAINTENANCE_MS,
  type WebhookSettings,
} from './webhook-settings.js';
import type { WebhookStore } from './webhook-store.js';

export interface WebhookMaintenance {
  /** Runs once now, then every `maintenanceIntervalMs`, until stopped. */
  start(): void;
  /** One round: dead letters past their age or count, secrets past their grace. */
  runOnce(): Promise<{ deadLetters: number; secrets: number }>;
  stop(): Promise<void>;
}

/**
 * Keeps the outbox bounded: dead letters go after `deadLetterRetentionDays` and beyond
 * `deadLettersPerSubscription` per subscription (oldest first), and rotated-out secrets go once their grace
 * ended. Run by the node that delivers (the process, or the cluster's leader), so nodes do not race to prune.
 */
export function createWebhookMaintenance(options: {
  store: Pick<WebhookStore, 'pruneDeadLetters' | 'dropExpiredSecrets'>;
  settings: Pick<
    WebhookSettings,
    'deadLetterRetentionDays' | 'deadLettersPerSubscription' | 'maintenanceIntervalMs'
  >;
  clock?: (() => Date) | undefined;
  logger?: Logger | undefined;
}): WebhookMaintenance {
  const { store, settings, logger } = options;
  const now = () => (options.clock ?? (() => new Date()))();
  const retentionMs = (settings.deadLetterRetentionDays ?? DEFAULT_DEAD_LETTER_RETENTION_DAYS) * 86_400_000;
  const perSubscription = settings.deadLettersPerSubscription ?? DEFAULT_DEAD_LETTERS_PER_SUBSCRIPTION;
  const intervalMs = settings.maintenanceIntervalMs ?? DEFAULT_WEBHOOK_MAINTENANCE_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const runOnce = async () => {
    const at = now();
    const deadLetters = await store.pruneDeadLetters({
      failedBefore: new Date(at.getTime() - retentionMs).toISOString(),
      keepPerSubscription: perSubscription,
    });
    const secrets = await store.dropExpiredSecrets(at.toISOString());
    if (deadLetters > 0 || secrets > 0)
      logger?.info({ deadLetters, secrets }, 'webhook dead letters and expired secrets pruned');
    return { deadLetters, secrets };
  };

  const round = () => {
    if (running) return;
    running = runOnce()
      .catch((error: unknown) => logger?.warn({ error }, 'webhook pruning failed; next round retries'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start() {
      if (timer) return;
      round();
      timer = setInterval(round, intervalMs);
      timer.unref();
    },
    runOnce,
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
