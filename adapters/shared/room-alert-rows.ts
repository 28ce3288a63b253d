import { z } from 'zod';
import {
  ROOM_ALERT_KINDS,
  ROOM_ALERT_SEVERITIES,
  type RoomAlert,
} from '../../engine/room-watch/room-alert.js';

const EvidenceSchema = z.object({
  userId: z.string(),
  userName: z.string().optional(),
  text: z.string(),
  atMs: z.number(),
  itemId: z.string().optional(),
  rule: z.string(),
});
const OutcomeSchema = z.object({
  action: z.enum([
    'acknowledged',
    'suggested-mute',
    'suggested-kick',
    'ticket-created',
    'conversation-opened',
  ]),
  byUserId: z.string(),
  atMs: z.number(),
  userId: z.string().optional(),
  ticketId: z.string().optional(),
  conversationId: z.string().optional(),
});

/** The stored alert body: what a row's JSON must hold to be read back. */
export const StoredRoomAlertSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  roomId: z.string(),
  kind: z.enum(ROOM_ALERT_KINDS),
  severity: z.enum(ROOM_ALERT_SEVERITIES),
  status: z.enum(['open', 'acknowledged']),
  subjectUserId: z.string().optional(),
  firstSeenMs: z.number(),
  lastSeenMs: z.number(),
  evidence: z.array(EvidenceSchema),
  evidenceCount: z.number().int(),
  userIds: z.array(z.string()),
  acknowledgedAtMs: z.number().optional(),
  acknowledgedBy: z.string().optional(),
  outcomes: z.array(OutcomeSchema),
});

export const ROOM_ALERT_COLUMNS =
  'alert_id, platform_id, room_id, kind, severity, status, first_seen_ms, last_seen_ms, body';

/** The row's values in `ROOM_ALERT_COLUMNS` order. */
export function roomAlertRowValues(
  alert: RoomAlert,
): [string, string, string, string, string, string, number, number, string] {
  return [
    alert.id,
    alert.platformId,
    alert.roomId,
    alert.kind,
    alert.severity,
    alert.status,
    alert.firstSeenMs,
    alert.lastSeenMs,
    JSON.stringify(alert),
  ];
}

export function roomAlertFromRow(row: unknown): RoomAlert {
  const { body } = z.object({ body: z.union([z.string(), z.record(z.string(), z.unknown())]) }).parse(row);
  const parsed = StoredRoomAlertSchema.parse(typeof body === 'string' ? JSON.parse(body) : body);
  return parsed;
}

/** The WHERE clause and its values for a query, with placeholders made by `placeholder(n)` (1-based). */
export function roomAlertFilter(
  query: {
    platformId?: string | undefined;
    roomId?: string | undefined;
    status?: string | undefined;
    kind?: string | undefined;
    sinceMs?: number | undefined;
    untilMs?: number | undefined;
  },
  placeholder: (index: number) => string,
): { where: string; values: (string | number)[] } {
  const clauses: string[] = [];
  const values: (string | number)[] = [];
  const add = (sql: string, value: string | number | undefined) => {
    if (value === undefined) return;
    values.push(value);
    clauses.push(`${sql} ${placeholder(values.length)}`);
  };
  add('platform_id =', query.platformId);
  add('room_id =', query.roomId);
  add('status =', query.status);
  add('kind =', query.kind);
  add('first_seen_ms >=', query.sinceMs);
  add('first_seen_ms <', query.untilMs);
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, values };
}
