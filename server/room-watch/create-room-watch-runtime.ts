import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import { createCommentClassifier } from '../../engine/room-watch/classify-comment.js';
import { DEFAULT_COMMENT_RULES } from '../../engine/room-watch/comment-rules.js';
import { DEFAULT_FLOOD_SETTINGS } from '../../engine/room-watch/near-duplicate-window.js';
import { DEFAULT_ROOM_WATCH_SETTINGS, RoomWatch } from '../../engine/room-watch/room-watch.js';
import type { TicketService } from '../../engine/tickets/ticket-service.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { Logger } from '../logging/logger.js';
import type { RateLimit } from '../realtime/token-bucket.js';
import type { WebhookEmitter } from '../webhooks/webhook-emitter.js';
import { createRoomAlertActions, type RoomAlertActions } from './room-alert-actions.js';
import type { RoomAlertStore } from './room-alert-store.js';
import {
  registerRoomWatchMetrics,
  uncountedRoomWatchMetrics,
  type RoomWatchMetrics,
} from './room-watch-metrics.js';
import { RoomWatchService } from './room-watch-service.js';

export interface RoomWatchRuntime {
  service: RoomWatchService;
  store: RoomAlertStore;
  actions: RoomAlertActions;
  metrics: RoomWatchMetrics;
  close(): Promise<void>;
}

/** Defaults when the config has none: generous for one platform, bounded for a runaway one. */
export const DEFAULT_DANMAKU_RATES = {
  keyRate: { perSecond: 20_000, burst: 40_000 },
  roomRate: { perSecond: 5_000, burst: 10_000 },
} as const;

/** The danmaku watch (issue 16): the engine's detectors, the service in front of them, and alert actions. */
export function createRoomWatchRuntime(options: {
  store: RoomAlertStore;
  tickets: Pick<TicketService, 'create'>;
  directory: Pick<ConversationDirectory, 'open'>;
  registry?: Registry | undefined;
  rates?: { keyRate: RateLimit; roomRate: RateLimit } | undefined;
  webhooks?: WebhookEmitter | undefined;
  logger: Logger;
  clock?: (() => Date) | undefined;
}): RoomWatchRuntime {
  const metrics = options.registry ? registerRoomWatchMetrics(options.registry) : uncountedRoomWatchMetrics();
  const rates = options.rates ?? DEFAULT_DANMAKU_RATES;
  const clock = options.clock ?? (() => new Date());
  const service = new RoomWatchService({
    watch: new RoomWatch({
      classifier: createCommentClassifier({ rules: DEFAULT_COMMENT_RULES }),
      settings: { ...DEFAULT_ROOM_WATCH_SETTINGS, flood: DEFAULT_FLOOD_SETTINGS },
      newId: () => `ra_${randomUUID()}`,
    }),
    store: options.store,
    metrics,
    keyRate: rates.keyRate,
    roomRate: rates.roomRate,
    nowMs: () => clock().getTime(),
    logger: options.logger,
    webhooks: options.webhooks,
  });
  return {
    service,
    store: options.store,
    actions: createRoomAlertActions({ tickets: options.tickets, directory: options.directory }),
    metrics,
    close: () => service.close(),
  };
}
