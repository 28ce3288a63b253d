import { z } from 'zod';

/** The most items one push (an HTTP batch or a WebSocket frame) may carry. */
export const MAX_DANMAKU_BATCH = 500;

const UserIdSchema = z.string().trim().min(1).max(128);
const AtSchema = z.number().int().min(0).max(8_640_000_000_000);
const Common = {
  id: z.string().trim().min(1).max(128).optional(),
  userId: UserIdSchema,
  userName: z.string().trim().min(1).max(64).optional(),
  /** Milliseconds since the epoch; the server's clock when left out. */
  atMs: AtSchema.optional(),
};

export const DanmakuPushItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('comment'), ...Common, text: z.string().min(1).max(500) }),
  z.strictObject({
    kind: z.literal('gift'),
    ...Common,
    giftName: z.string().trim().min(1).max(64),
    value: z.number().int().min(0).max(1_000_000_000),
  }),
  z.strictObject({
    kind: z.literal('moderation'),
    ...Common,
    action: z.enum(['mute', 'kick', 'unmute', 'delete']),
    targetUserId: UserIdSchema,
  }),
]);
export type DanmakuPushItem = z.infer<typeof DanmakuPushItemSchema>;

export const DanmakuBatchSchema = z.array(DanmakuPushItemSchema).min(1).max(MAX_DANMAKU_BATCH);

export const RoomIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\w.:-]+$/u, 'roomId: letters, digits, _ . : -');

/** A frame on `/ws/platform/danmaku`: one room's batch. */
export const DanmakuPushFrameSchema = z.strictObject({
  type: z.literal('danmaku'),
  roomId: RoomIdSchema,
  items: DanmakuBatchSchema,
  /** Echoed in the acknowledgement, so the platform can match it to the frame. */
  ref: z.string().max(64).optional(),
});
