import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import type { MediaRecordStore } from '../../engine/media/media-record.js';
import type { Logger } from '../logging/logger.js';

export interface MediaOrphanSweepOptions {
  blobs: Pick<MediaBlobStore, 'list' | 'delete' | 'sweepUnfinished'>;
  records: Pick<MediaRecordStore, 'referencesKey'>;
  /** Blobs stored more recently than this are spared: an upload between its blob and its record. */
  graceMs: number;
  /** How often to sweep; 0: never on its own (sweep() still works). */
  intervalMs: number;
  nowMs?: (() => number) | undefined;
  logger: Pick<Logger, 'info' | 'error'>;
}

export interface SweepResult {
  checked: number;
  removed: number;
  /** Leftovers of writes that never finished (a crash mid-write), older than the grace period. */
  unfinished: number;
}

export interface MediaOrphanSweep {
  /** Sweeps now (what the timer runs); one sweep at a time, a second call joins it. */
  sweep(): Promise<SweepResult>;
  /** Stops the timer and a sweep in progress, and waits for it. */
  stop(): Promise<void>;
}

/**
 * Removes blobs no media record points at: left by a crash between a blob's write and its record's
 * commit, or by a delete racing an upload of the same bytes; and what a crash mid-write left behind. A blob younger than the grace period is
 * spared, and the delete itself spares one stored again since the sweep looked (`put` refreshes it), so
 * an upload in flight keeps its bytes. On several nodes each sweeps; deletes are idempotent.
 */
export function startMediaOrphanSweep(options: MediaOrphanSweepOptions): MediaOrphanSweep {
  const { blobs, records, graceMs, logger } = options;
  const nowMs = options.nowMs ?? Date.now;
  const controller = new AbortController();
  let running: Promise<SweepResult> | undefined;

  const sweepOnce = async (): Promise<SweepResult> => {
    const cutoff = nowMs() - graceMs;
    let checked = 0;
    let removed = 0;
    for await (const blob of blobs.list({ signal: controller.signal })) {
      checked += 1;
      if (blob.writtenAt >= cutoff || (await records.referencesKey(blob.key))) continue;
      await blobs.delete(blob.key, { writtenBefore: cutoff });
      removed += 1;
    }
    const unfinished =
      (await blobs.sweepUnfinished?.({ writtenBefore: cutoff, signal: controller.signal })) ?? 0;
    if (removed > 0 || unfinished > 0)
      logger.info({ checked, removed, unfinished }, 'orphan media blobs removed');
    return { checked, removed, unfinished };
  };

  const sweep = (): Promise<SweepResult> => {
    running ??= sweepOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          sweep().catch((error: unknown) => {
            if (!controller.signal.aborted)
              logger.error({ error }, 'the orphan media sweep failed; it runs again at the next interval');
          });
        }, options.intervalMs)
      : undefined;
  timer?.unref();

  return {
    sweep,
    async stop() {
      clearInterval(timer);
      controller.abort();
      await running?.catch(() => undefined);
    },
  };
}
