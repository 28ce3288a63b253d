import type { RoomAlert, RoomAlertKind } from '../../engine/room-watch/room-alert.js';

export interface RoomAlertStats {
  total: number;
  acknowledged: number;
  /** Alerts per room and kind, busiest first. */
  byRoomAndKind: { platformId: string; roomId: string; kind: RoomAlertKind; count: number }[];
  byKind: { kind: RoomAlertKind; count: number }[];
  /** First seen → acknowledged, over the acknowledged alerts. */
  timeToAcknowledgeMs: { median: number | null; p90: number | null; mean: number | null };
  /** Staff actions taken (suggestions, tickets, conversations) by kind of action. */
  outcomes: Record<string, number>;
}

function quantile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/** The analytics figures for a set of alerts (one time range). */
export function roomAlertStats(alerts: readonly RoomAlert[]): RoomAlertStats {
  const byRoomAndKind = new Map<
    string,
    { platformId: string; roomId: string; kind: RoomAlertKind; count: number }
  >();
  const byKind = new Map<RoomAlertKind, number>();
  const waits: number[] = [];
  const outcomes: Record<string, number> = {};
  for (const alert of alerts) {
    const key = `${alert.platformId}\u0000${alert.roomId}\u0000${alert.kind}`;
    const row = byRoomAndKind.get(key) ?? {
      platformId: alert.platformId,
      roomId: alert.roomId,
      kind: alert.kind,
      count: 0,
    };
    row.count += 1;
    byRoomAndKind.set(key, row);
    byKind.set(alert.kind, (byKind.get(alert.kind) ?? 0) + 1);
    if (alert.acknowledgedAtMs !== undefined)
      waits.push(Math.max(0, alert.acknowledgedAtMs - alert.firstSeenMs));
    for (const outcome of alert.outcomes) outcomes[outcome.action] = (outcomes[outcome.action] ?? 0) + 1;
  }
  waits.sort((first, second) => first - second);
  return {
    total: alerts.length,
    acknowledged: waits.length,
    byRoomAndKind: [...byRoomAndKind.values()].sort((first, second) => second.count - first.count),
    byKind: [...byKind]
      .map(([kind, count]) => ({ kind, count }))
      .sort((first, second) => second.count - first.count),
    timeToAcknowledgeMs: {
      median: quantile(waits, 0.5),
      p90: quantile(waits, 0.9),
      mean: waits.length === 0 ? null : Math.round(waits.reduce((sum, wait) => sum + wait, 0) / waits.length),
    },
    outcomes,
  };
}
