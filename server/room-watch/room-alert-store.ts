import type { RoomAlert, RoomAlertKind, RoomAlertStatus } from '../../engine/room-watch/room-alert.js';

export interface RoomAlertQuery {
  platformId?: string | undefined;
  roomId?: string | undefined;
  status?: RoomAlertStatus | undefined;
  kind?: RoomAlertKind | undefined;
  /** Alerts first seen at or after this time (ms since the epoch). */
  sinceMs?: number | undefined;
  /** Alerts first seen before this time. */
  untilMs?: number | undefined;
  limit: number;
}

/**
 * Room alerts with their evidence and outcomes: only alerts are stored, never the comments that did not raise
 * one. `save` writes each alert whole (insert or replace by id), so the newest state wins.
 */
export interface RoomAlertStore {
  save(alerts: readonly RoomAlert[]): Promise<void>;
  get(alertId: string): Promise<RoomAlert | undefined>;
  /** Newest (last seen) first. */
  list(query: RoomAlertQuery): Promise<RoomAlert[]>;
}
