import type { Logger } from '../logging/logger.js';
import type { AuditLog } from './audit-log.js';

const DAY_MS = 86_400_000;

export interface AuditRetentionOptions {
  audit: Pick<AuditLog, 'prune'>;
  /** `LIVEDESK_AUDIT_RETENTION_DAYS`: entries older than this are deleted. 0 keeps them all (nothing runs). */
  retentionDays: number;
  /** How often to prune; the first run starts at once. Default every 6 hours. */
  intervalMs?: number | undefined;
  clock?: (() => Date) | undefined;
  logger: Pick<Logger, 'info' | 'error'>;
}

export interface AuditRetention {
  /** Prunes now (also what the timer runs); resolves to how many entries went. */
  prune(): Promise<number>;
  /** Stops the timer and any prune in progress, and waits for it. */
  stop(): Promise<void>;
}

/**
 * Keeps the audit log to its retention period: prunes at start and then periodically. On several nodes each
 * prunes; the deletes are idempotent, so that costs a little repeated work and nothing else.
 */
export function startAuditRetention(options: AuditRetentionOptions): AuditRetention {
  const { audit, retentionDays, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const intervalMs = options.intervalMs ?? 6 * 3_600_000;
  const controller = new AbortController();
  let running: Promise<number> | undefined;

  const prune = (): Promise<number> => {
    if (retentionDays === 0) return Promise.resolve(0);
    running ??= (async () => {
      const olderThan = new Date(clock().getTime() - retentionDays * DAY_MS);
      try {
        const deleted = await audit.prune(olderThan, { signal: controller.signal });
        if (deleted > 0) logger.info({ deleted, olderThan: olderThan.toISOString() }, 'audit log pruned');
        return deleted;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const runQuietly = () => {
    prune().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      logger.error({ error }, 'audit log pruning failed; it is tried again at the next interval');
    });
  };

  const timer = retentionDays === 0 ? undefined : setInterval(runQuietly, intervalMs);
  timer?.unref();
  if (retentionDays > 0) runQuietly();

  return {
    prune,
    async stop() {
      clearInterval(timer);
      controller.abort();
      await running?.catch(() => undefined);
    },
  };
}
