import * as z from 'zod/mini';

const KindSchema = z.enum(['flood', 'ad', 'abuse', 'threat', 'dispute', 'minor']);
export type AlertKind = z.infer<typeof KindSchema>;

export const RoomSummarySchema = z.object({
  platformId: z.string(),
  roomId: z.string(),
  lastMs: z.number(),
  itemCount: z.number(),
  openAlerts: z.number(),
});
export type RoomSummary = z.infer<typeof RoomSummarySchema>;
export const RoomListSchema = z.object({ rooms: z.array(RoomSummarySchema) });

const ItemSchema = z.object({
  kind: z.enum(['comment', 'gift', 'moderation']),
  userId: z.string(),
  userName: z.optional(z.string()),
  atMs: z.number(),
  text: z.optional(z.string()),
  giftName: z.optional(z.string()),
  value: z.optional(z.number()),
  action: z.optional(z.string()),
  targetUserId: z.optional(z.string()),
});
export const StreamEntrySchema = z.object({ seq: z.number(), item: ItemSchema, kinds: z.array(KindSchema) });
export type StreamEntry = z.infer<typeof StreamEntrySchema>;

export const AlertSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  roomId: z.string(),
  kind: KindSchema,
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  status: z.enum(['open', 'acknowledged']),
  subjectUserId: z.optional(z.string()),
  firstSeenMs: z.number(),
  lastSeenMs: z.number(),
  evidence: z.array(
    z.object({
      userId: z.string(),
      userName: z.optional(z.string()),
      text: z.string(),
      atMs: z.number(),
      itemId: z.optional(z.string()),
      rule: z.string(),
    }),
  ),
  evidenceCount: z.number(),
  userIds: z.array(z.string()),
});
export type RoomAlertView = z.infer<typeof AlertSchema>;
export const AlertListSchema = z.object({ alerts: z.array(AlertSchema) });
export const AlertResultSchema = z.object({
  alert: AlertSchema,
  ticketId: z.optional(z.string()),
  conversationId: z.optional(z.string()),
});

/** What `/ws/rooms` sends. */
export const RoomFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('stream'),
    platformId: z.string(),
    roomId: z.string(),
    entries: z.array(StreamEntrySchema),
    skipped: z.number(),
  }),
  z.object({ type: z.literal('alert'), alert: AlertSchema }),
  z.object({ type: z.literal('error'), error: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
