import type pg from 'pg';
import type { Entry } from '../../knowledge/entry.js';
import type { StoreChange } from '../../knowledge/ports.js';
import { KNOWLEDGE_CHANNEL, KnowledgeChangeNoticeSchema } from './knowledge-change-notices.js';
import type { KnowledgeChangeNotice } from './knowledge-change-notices.js';
import { startPostgresListener } from './postgres-listener.js';
import type { PostgresListenerStatus } from './postgres-listener.js';

export interface KnowledgeChangeFeedOptions {
  pool: pg.Pool;
  knowledgeBaseId: string;
  /** The schema the store's tables live in (`current_schema()` on the pool's connections). */
  schema: string;
  clientConfig: pg.ClientConfig;
  readEntry(entryId: string): Promise<Entry | null>;
  /** Hands changes committed elsewhere to the store's listeners. */
  emit(change: StoreChange): void;
  onError(error: unknown): void;
  minReconnectDelayMs?: number | undefined;
  maxReconnectDelayMs?: number | undefined;
  heartbeatMs?: number | undefined;
}

export interface KnowledgeChangeFeed {
  /**
   * Versions this store wrote and tells its own listeners about: their notifications are skipped. Called
   * before the commit, since the notification may arrive before the commit's reply does.
   */
  expectOwn(versionIds: readonly number[]): void;
  /** The transaction did not commit: no notification will come. */
  forgetOwn(versionIds: readonly number[]): void;
  status(): PostgresListenerStatus;
  close(): Promise<void>;
}

/**
 * Hears every change committed to one knowledge base by any node and re-emits it once, re-reading the entry.
 *
 * Writers to a knowledge base take turns (a transaction-scoped advisory lock), so its version ids grow in
 * commit order and the highest one handled is a complete watermark: every change up to it has been heard.
 * After the LISTEN connection is lost and reopened, the feed reads the versions beyond the watermark and emits
 * one change per entry they touched (and one `synonyms` change): what happened while nobody listened.
 * Notifications and catch-ups run one at a time, in order; a failure drops the connection, so the next one
 * catches up from the watermark, which only moves once a change has been emitted.
 */
export async function startKnowledgeChangeFeed(
  options: KnowledgeChangeFeedOptions,
): Promise<KnowledgeChangeFeed> {
  const { pool, knowledgeBaseId } = options;
  const ownVersions = new Set<number>();
  let watermark: number | undefined;
  /** The connection whose notifications count; undefined until its catch-up is done, or after a failure. */
  let activeSession: number | undefined;
  let closed = false;
  let queue: Promise<void> = Promise.resolve();
  let firstSync: { resolve(): void; reject(error: unknown): void } | undefined;
  const firstSynced = new Promise<void>((resolve, reject) => {
    firstSync = { resolve, reject };
  });
  // Awaited below; this only keeps a rejection that arrives first from counting as unhandled.
  firstSynced.catch(() => undefined);
  let reconnect: () => void = () => undefined;

  function enqueue(task: () => Promise<void>): void {
    queue = queue.then(task).catch((error: unknown) => {
      if (closed) return;
      activeSession = undefined;
      options.onError(error);
      reconnect();
    });
  }

  function emit(change: StoreChange): void {
    try {
      options.emit(change);
    } catch (error) {
      // A listener's failure is the listener's: the change was heard, and hearing it again would not help.
      options.onError(error);
    }
  }

  async function emitEntry(entryId: string): Promise<void> {
    emit({ kind: 'entry', entryId, entry: await options.readEntry(entryId) });
  }

  async function highestVersion(): Promise<number> {
    const { rows } = await pool.query<{ highest: string | null }>(
      `SELECT greatest(
         (SELECT max(version_id) FROM knowledge_entry_versions WHERE kb_id = $1),
         (SELECT max(version_id) FROM knowledge_synonym_versions WHERE kb_id = $1))::text AS highest`,
      [knowledgeBaseId],
    );
    return Number(rows[0]?.highest ?? 0);
  }

  async function catchUp(since: number): Promise<void> {
    const { rows } = await pool.query<{ version_id: string; entry_id: string | null }>(
      `SELECT version_id, entry_id FROM knowledge_entry_versions WHERE kb_id = $1 AND version_id > $2
       UNION ALL
       SELECT version_id, NULL FROM knowledge_synonym_versions WHERE kb_id = $1 AND version_id > $2
       ORDER BY version_id`,
      [knowledgeBaseId, since],
    );
    const entryIds = new Set<string>();
    let synonyms = false;
    let highest = since;
    for (const row of rows) {
      const versionId = Number(row.version_id);
      highest = Math.max(highest, versionId);
      if (ownVersions.delete(versionId)) continue;
      if (row.entry_id === null) synonyms = true;
      else entryIds.add(row.entry_id);
    }
    for (const entryId of entryIds) await emitEntry(entryId);
    if (synonyms) emit({ kind: 'synonyms' });
    watermark = highest;
    for (const versionId of ownVersions) if (versionId <= highest) ownVersions.delete(versionId);
  }

  async function handle(notice: KnowledgeChangeNotice): Promise<void> {
    if (notice.schema !== options.schema || notice.kbId !== knowledgeBaseId) return;
    if (watermark !== undefined && notice.versionId <= watermark) {
      ownVersions.delete(notice.versionId);
      return;
    }
    if (!ownVersions.delete(notice.versionId)) {
      if (notice.kind === 'synonyms') emit({ kind: 'synonyms' });
      else if (notice.entryId !== null) await emitEntry(notice.entryId);
    }
    watermark = notice.versionId;
  }

  const listener = await startPostgresListener({
    clientConfig: options.clientConfig,
    channel: KNOWLEDGE_CHANNEL,
    minReconnectDelayMs: options.minReconnectDelayMs,
    maxReconnectDelayMs: options.maxReconnectDelayMs,
    heartbeatMs: options.heartbeatMs,
    onError: (error) => {
      if (!closed) options.onError(error);
    },
    onSession(session, listening) {
      enqueue(async () => {
        if (!(await listening) || closed) return;
        if (watermark === undefined) {
          try {
            // Changes committed before now are in what the store's callers read; later ones will be notified.
            watermark = await highestVersion();
          } catch (error) {
            firstSync?.reject(error);
            throw error;
          }
          firstSync?.resolve();
        } else {
          await catchUp(watermark);
        }
        activeSession = session;
      });
    },
    onNotification(payload, session) {
      enqueue(async () => {
        if (closed || session !== activeSession) return;
        let notice: KnowledgeChangeNotice;
        try {
          notice = KnowledgeChangeNoticeSchema.parse(JSON.parse(payload));
        } catch {
          return; // Not ours to read (another version of Livedesk, or someone else's NOTIFY).
        }
        await handle(notice);
      });
    },
  }).catch((error: unknown) => {
    firstSync?.reject(error);
    throw error;
  });
  reconnect = () => listener.reconnect();

  try {
    await firstSynced;
  } catch (error) {
    closed = true;
    await listener.close();
    throw error;
  }

  return {
    expectOwn(versionIds) {
      for (const versionId of versionIds) ownVersions.add(versionId);
    },
    forgetOwn(versionIds) {
      for (const versionId of versionIds) ownVersions.delete(versionId);
    },
    status: () => listener.status(),
    async close() {
      closed = true;
      await listener.close();
    },
  };
}
