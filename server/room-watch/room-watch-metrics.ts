import { Counter, type Registry } from 'prom-client';
import type { RoomAlertKind } from '../../engine/room-watch/room-alert.js';

/** Why a danmaku push was refused. */
export type DanmakuRefusal = 'unauthenticated' | 'malformed' | 'rate_limited' | 'overloaded';

export interface RoomWatchMetrics {
  accepted(items: number): void;
  refused(reason: DanmakuRefusal, channel: 'http' | 'ws'): void;
  alertRaised(kind: RoomAlertKind): void;
}

/** Danmaku accepted and refused (by reason and channel) and room alerts raised, on the server's registry. */
export function registerRoomWatchMetrics(registry: Registry): RoomWatchMetrics {
  const accepted = new Counter({
    name: 'livedesk_danmaku_items_total',
    help: 'Danmaku items (comments, gifts, moderation actions) accepted from platforms',
    registers: [registry],
  });
  const refused = new Counter({
    name: 'livedesk_danmaku_refused_total',
    help: 'Danmaku pushes refused: unauthenticated, malformed, rate_limited or overloaded, by channel',
    labelNames: ['reason', 'channel'],
    registers: [registry],
  });
  const alerts = new Counter({
    name: 'livedesk_room_alerts_total',
    help: 'Room alerts raised (not merges into an open one), by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  return {
    accepted: (items) => accepted.inc(items),
    refused: (reason, channel) => refused.inc({ reason, channel }),
    alertRaised: (kind) => alerts.inc({ kind }),
  };
}

/** For tests and runs without /metrics. */
export function uncountedRoomWatchMetrics(): RoomWatchMetrics {
  return { accepted: () => undefined, refused: () => undefined, alertRaised: () => undefined };
}
