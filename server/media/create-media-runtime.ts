import { randomUUID } from 'node:crypto';
import { createFilesystemBlobStore } from '../../adapters/media/filesystem-blob-store.js';
import { createSharpImageProcessor } from '../../adapters/media/sharp-image-processor.js';
import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import type { MediaRecordStore } from '../../engine/media/media-record.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { DeskService } from '../desk/desk-service.js';
import type { ConversationAccess } from '../http/conversation-access-guard.js';
import type { RateLimitConfig } from '../config.js';
import type { MediaConfig } from './media-config.js';
import type { MediaLinker } from './media-links.js';
import type { MediaMetrics } from './media-metrics.js';
import { MediaService, type MediaServiceOptions } from './media-service.js';
import { createConversationErasures } from './conversation-erasures.js';
import { eraseConversationMedia, mediaLinker } from './media-library.js';
import { startMediaOrphanSweep, type MediaOrphanSweep } from './media-orphan-sweep.js';
import type { Logger } from '../logging/logger.js';
import { createMediaUrlSigner, type MediaUrlSigner } from './media-url-signer.js';

/** Media as the server holds it: links are ready before the desk starts; the service once the HTTP app has its access rule. */
export interface MediaRuntime {
  links: MediaLinker;
  signer: MediaUrlSigner;
  blobs: MediaBlobStore;
  records: MediaRecordStore;
  /** The media counters on /metrics (the media assistant counts its refused transcriptions there too). */
  metrics: MediaMetrics;
  uploadRates: { sender: RateLimitConfig; address: RateLimitConfig };
  /** The upload and read service, under the app's conversation rule (built once). */
  service(access: ConversationAccess): MediaService;
  /** Erasure: the conversations' media records and every blob left unreferenced (uploads in flight too). */
  eraseConversations(conversationIds: readonly string[]): Promise<number>;
  /** Starts the periodic sweep of blobs no record points at (config `sweep`); stop it on shutdown. */
  startOrphanSweep(logger: Pick<Logger, 'info' | 'error'>): MediaOrphanSweep;
}

export interface MediaRuntimeOptions {
  config: MediaConfig;
  /** The main secret (LIVEDESK_SECRET or the data folder's key): link keys derive from it. */
  secret: Uint8Array;
  records: MediaRecordStore;
  metrics: MediaMetrics;
  /** A blob store other than the folder (an S3-compatible one); default the folder in `config.directory`. */
  blobs?: MediaBlobStore | undefined;
  clock?: (() => Date) | undefined;
}

const burstOf = (perSecond: number): RateLimitConfig => ({
  perSecond,
  burst: Math.max(3, Math.round(perSecond * 10)),
});

/** Builds the media side (issue 17) from its configuration. */
export function createMediaRuntime(options: MediaRuntimeOptions): MediaRuntime & {
  /** Late parts: the desk's directory and queries, and what the AI does with a viewer's media. */
  attach(parts: {
    directory: ConversationDirectory;
    desk: Pick<DeskService, 'conversation'>;
    queries: Pick<ConversationQueries, 'summary'>;
    onViewerMedia?: MediaServiceOptions['onViewerMedia'];
  }): void;
} {
  const { config } = options;
  const signer = createMediaUrlSigner({
    secret: options.secret,
    ttlSeconds: config.urlTtlSeconds,
    nowMs: options.clock && (() => options.clock!().getTime()),
  });
  const blobs = options.blobs ?? createFilesystemBlobStore({ root: config.directory });
  const images = createSharpImageProcessor({ maxPixels: config.policy.maxPixels });
  let parts: Parameters<ReturnType<typeof createMediaRuntime>['attach']>[0] | undefined;
  let built: MediaService | undefined;
  const erasures = createConversationErasures();
  return {
    signer,
    blobs,
    records: options.records,
    metrics: options.metrics,
    uploadRates: {
      sender: burstOf(config.uploadsPerSecond.sender),
      address: burstOf(config.uploadsPerSecond.address),
    },
    links: mediaLinker(signer),
    eraseConversations: (conversationIds) => {
      erasures.erasing(conversationIds);
      return eraseConversationMedia({ records: options.records, blobs }, conversationIds);
    },
    startOrphanSweep: (logger) =>
      startMediaOrphanSweep({
        blobs,
        records: options.records,
        graceMs: config.sweep.graceMs,
        intervalMs: config.sweep.intervalMs,
        logger,
      }),
    attach(late) {
      parts = late;
    },
    service(access) {
      if (built) return built;
      const late = parts;
      if (!late) throw new Error('the media runtime was used before the desk was attached');
      built = new MediaService({
        policy: config.policy,
        blobs,
        records: options.records,
        images,
        signer,
        metrics: options.metrics,
        load: (conversationId) => late.directory.load(conversationId),
        ownerOf: async (conversationId, signal) =>
          late.directory.get(conversationId)?.owner.viewerId ??
          (await late.queries.summary(conversationId, signal ? { signal } : {}))?.viewer.viewerId,
        access,
        desk: (conversationId) => late.desk.conversation(conversationId),
        onViewerMedia: late.onViewerMedia,
        newId: randomUUID,
        clock: options.clock,
        erasures,
        // Read from the database every node shares: an erasure on another node is seen here too.
        stillOwned: async (conversationId, viewerId, signal) =>
          (await late.queries.summary(conversationId, signal ? { signal } : {}))?.viewer.viewerId ===
          viewerId,
      });
      return built;
    },
  };
}
