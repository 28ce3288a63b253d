import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ROOM_ALERT_KINDS, type RoomAlert } from '../../engine/room-watch/room-alert.js';
import type { Auth } from '../auth/auth.js';
import { roleAllows, type StaffRole } from '../auth/principal.js';
import { RoomIdSchema } from '../room-watch/danmaku-schemas.js';
import type { RoomAlertActions } from '../room-watch/room-alert-actions.js';
import { roomAlertStats } from '../room-watch/room-alert-stats.js';
import type { RoomAlertStore } from '../room-watch/room-alert-store.js';
import type { RoomWatchService } from '../room-watch/room-watch-service.js';
import { readParam, readQuery } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

/** Moderators, and the supervisors and admins whose roles include theirs. */
export const ROOM_STAFF: readonly StaffRole[] = ['moderator'];

const tag = 'rooms';
const PlatformIdSchema = z.string().trim().min(1).max(64);
const AlertIdSchema = z.string().trim().min(1).max(64);
const UserIdSchema = z.string().trim().min(1).max(128);

const AlertListQuerySchema = z.strictObject({
  platformId: PlatformIdSchema.optional(),
  roomId: RoomIdSchema.optional(),
  status: z.enum(['open', 'acknowledged']).optional(),
  kind: z.enum(ROOM_ALERT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const RoomListQuerySchema = z.strictObject({
  platformId: PlatformIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const StreamQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(300).default(100) });
const StatsQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  platformId: PlatformIdSchema.optional(),
  roomId: RoomIdSchema.optional(),
});
const SuggestSchema = z.strictObject({
  action: z.enum(['mute', 'kick']),
  userId: UserIdSchema,
  reason: z.string().trim().min(1).max(500),
});
const TicketRequestSchema = z.strictObject({ userId: UserIdSchema.optional() });
const ConversationRequestSchema = z.strictObject({ userId: UserIdSchema });

const AlertResponseSchema = z.object({ alert: z.unknown() });
const STATS_ROWS = 10_000;

export interface RoomPanelRouteOptions {
  rooms: RoomWatchService;
  store: RoomAlertStore;
  actions: RoomAlertActions;
  auth: Auth;
  clock: () => Date;
}

/** The moderator's room panel (web/rooms/): watched rooms, their stream and alerts, and the actions on an alert. */
export function registerRoomPanelRoutes(
  app: Hono,
  options: RoomPanelRouteOptions,
  registry: ApiRegistry,
): void {
  const staff = requireStaff(options.auth, ROOM_STAFF);
  const { rooms } = options;
  /** Conversations being opened, by alert and viewer: a request racing the first waits for it. */
  const openingConversations = new Map<string, Promise<{ alert: RoomAlert; conversationId: string }>>();
  const alertParam = (context: Context) => readParam(context, 'id', AlertIdSchema);
  const missing = (context: Context) =>
    context.json({ error: 'not_found', message: 'no such room alert' }, 404);

  app.get('/api/rooms', staff, (context) => {
    const query = readQuery(context, RoomListQuerySchema);
    if (!query.ok) return query.response;
    return context.json({ rooms: rooms.listRooms(query.value.platformId, query.value.limit) });
  });
  registry.add({
    method: 'get',
    path: '/api/rooms',
    summary:
      'The rooms whose danmaku this node watches, most recently active first (at most `limit`), with their open alerts',
    tag,
    query: RoomListQuerySchema,
    auth: ROOM_STAFF,
    responses: { 200: { description: 'Rooms', schema: z.object({ rooms: z.array(z.unknown()) }) } },
  });

  app.get('/api/rooms/:platformId/:roomId/stream', staff, (context) => {
    const platformId = readParam(context, 'platformId', PlatformIdSchema);
    if (!platformId.ok) return platformId.response;
    const roomId = readParam(context, 'roomId', RoomIdSchema);
    if (!roomId.ok) return roomId.response;
    const query = readQuery(context, StreamQuerySchema);
    if (!query.ok) return query.response;
    return context.json({ entries: rooms.recentStream(platformId.value, roomId.value, query.value.limit) });
  });
  registry.add({
    method: 'get',
    path: '/api/rooms/:platformId/:roomId/stream',
    summary: "The room's latest items, oldest first, each marked with the alert kinds it is evidence of",
    tag,
    auth: ROOM_STAFF,
    query: StreamQuerySchema,
    responses: {
      200: { description: 'Stream entries', schema: z.object({ entries: z.array(z.unknown()) }) },
    },
  });

  app.get('/api/room-alerts', staff, async (context) => {
    const query = readQuery(context, AlertListQuerySchema);
    if (!query.ok) return query.response;
    const stored = await options.store.list(query.value);
    // Open alerts change faster than they are written: the live state wins.
    const alerts = await Promise.all(stored.map(async (alert) => (await rooms.alert(alert.id)) ?? alert));
    return context.json({ alerts });
  });
  registry.add({
    method: 'get',
    path: '/api/room-alerts',
    summary: 'Room alerts with their evidence and outcomes, most recently seen first',
    tag,
    auth: ROOM_STAFF,
    query: AlertListQuerySchema,
    responses: { 200: { description: 'Alerts', schema: z.object({ alerts: z.array(z.unknown()) }) } },
  });

  app.get('/api/room-alerts/stats', staff, async (context) => {
    const query = readQuery(context, StatsQuerySchema);
    if (!query.ok) return query.response;
    const to = query.value.to ? Date.parse(query.value.to) : options.clock().getTime();
    const from = query.value.from ? Date.parse(query.value.from) : to - 7 * 24 * 3600_000;
    const alerts = await options.store.list({
      platformId: query.value.platformId,
      roomId: query.value.roomId,
      sinceMs: from,
      untilMs: to,
      limit: STATS_ROWS,
    });
    return context.json({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      truncated: alerts.length >= STATS_ROWS,
      ...roomAlertStats(alerts),
    });
  });
  registry.add({
    method: 'get',
    path: '/api/room-alerts/stats',
    summary:
      'Analytics: room alerts per room and kind, time to acknowledge, and what staff did (default: the last 7 days)',
    tag,
    auth: ROOM_STAFF,
    query: StatsQuerySchema,
    responses: { 200: { description: 'Figures', schema: z.object({ total: z.number() }) } },
  });

  app.post('/api/room-alerts/:id/acknowledge', staff, async (context) => {
    const id = alertParam(context);
    if (!id.ok) return id.response;
    if (!(await rooms.alert(id.value))) return missing(context);
    const alert = await rooms.acknowledge(id.value, context.get('principal').userId);
    return context.json({ alert });
  });
  registry.add({
    method: 'post',
    path: '/api/room-alerts/:id/acknowledge',
    summary: 'Acknowledges a room alert: later evidence raises a new one',
    tag,
    auth: ROOM_STAFF,
    responses: {
      200: { description: 'The alert', schema: AlertResponseSchema },
      404: { description: 'No such alert' },
    },
  });

  app.post('/api/room-alerts/:id/suggest', staff, async (context) => {
    const id = alertParam(context);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, SuggestSchema);
    if (!body.ok) return body.response;
    const alert = await rooms.alert(id.value);
    if (!alert) return missing(context);
    if (!alert.userIds.includes(body.value.userId))
      return context.json(
        { error: 'invalid_input', message: 'this viewer is not in the alert’s evidence' },
        400,
      );
    const updated = await rooms.suggest(id.value, {
      ...body.value,
      byUserId: context.get('principal').userId,
    });
    return context.json({ alert: updated, suggested: true });
  });
  registry.add({
    method: 'post',
    path: '/api/room-alerts/:id/suggest',
    summary:
      'Suggests a mute or kick of a viewer in the evidence to the platform (signed webhook `room.action.suggested`); Livedesk itself mutes no one',
    tag,
    auth: ROOM_STAFF,
    body: SuggestSchema,
    responses: {
      200: { description: 'Suggested', schema: AlertResponseSchema },
      404: { description: 'No such alert' },
    },
  });

  app.post('/api/room-alerts/:id/ticket', staff, async (context) => {
    const id = alertParam(context);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, TicketRequestSchema);
    if (!body.ok) return body.response;
    const alert = await rooms.alert(id.value);
    if (!alert) return missing(context);
    const principal = context.get('principal');
    const ticketId = await options.actions.openTicket(
      alert,
      {
        userId: principal.userId,
        name: principal.name,
        supervisor: roleAllows(principal.role, ['supervisor']),
      },
      body.value.userId,
    );
    const updated = await rooms.recordOutcome(alert, {
      action: 'ticket-created',
      byUserId: principal.userId,
      atMs: options.clock().getTime(),
      ticketId,
      ...(body.value.userId === undefined ? {} : { userId: body.value.userId }),
    });
    return context.json({ alert: updated, ticketId }, 201);
  });
  registry.add({
    method: 'post',
    path: '/api/room-alerts/:id/ticket',
    summary: 'Creates a ticket from a room alert, with its evidence',
    tag,
    auth: ROOM_STAFF,
    body: TicketRequestSchema,
    responses: {
      201: { description: 'Created', schema: z.object({ ticketId: z.string(), alert: z.unknown() }) },
      404: { description: 'No such alert' },
    },
  });

  app.post('/api/room-alerts/:id/conversation', staff, async (context) => {
    const id = alertParam(context);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, ConversationRequestSchema);
    if (!body.ok) return body.response;
    const alert = await rooms.alert(id.value);
    if (!alert) return missing(context);
    const principal = context.get('principal');
    const { userId } = body.value;
    // One conversation per alert and viewer: a repeated request (a double click, two moderators) gets it back.
    const existing = alert.outcomes.find(
      (outcome) => outcome.action === 'conversation-opened' && outcome.userId === userId,
    )?.conversationId;
    if (existing !== undefined) return context.json({ alert, conversationId: existing }, 200);
    const key = `${alert.id}\u0000${userId}`;
    let opening = openingConversations.get(key);
    if (opening) return context.json(await opening, 200);
    opening = (async () => {
      const conversationId = await options.actions.openConversation(alert, userId, principal);
      const updated = await rooms.recordOutcome(alert, {
        action: 'conversation-opened',
        byUserId: principal.userId,
        atMs: options.clock().getTime(),
        userId,
        conversationId,
      });
      return { alert: updated, conversationId };
    })();
    openingConversations.set(key, opening);
    try {
      return context.json(await opening, 201);
    } finally {
      openingConversations.delete(key);
    }
  });
  registry.add({
    method: 'post',
    path: '/api/room-alerts/:id/conversation',
    summary:
      'Opens a support conversation in the desk with a viewer in the evidence (as the platform’s verified user), with the evidence for agents',
    tag,
    auth: ROOM_STAFF,
    body: ConversationRequestSchema,
    responses: {
      200: {
        description: 'Already opened for this alert and viewer: that conversation',
        schema: z.object({ conversationId: z.string() }),
      },
      201: { description: 'Opened and queued for agents', schema: z.object({ conversationId: z.string() }) },
      404: { description: 'No such alert' },
    },
  });
}
