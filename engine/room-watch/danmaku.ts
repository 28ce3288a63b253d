/** One thing that happened in a live room, as the platform reported it. */
export type DanmakuItem = DanmakuComment | DanmakuGift | DanmakuModeration;

interface DanmakuBase {
  /** The platform's id of the user who sent it (a viewer, or a moderator for moderation actions). */
  userId: string;
  userName?: string | undefined;
  /** When it happened, milliseconds since the epoch (the platform's clock). */
  atMs: number;
  /** The platform's id of the item, when it has one (evidence links back to it). */
  id?: string | undefined;
}

export interface DanmakuComment extends DanmakuBase {
  kind: 'comment';
  text: string;
}

export interface DanmakuGift extends DanmakuBase {
  kind: 'gift';
  giftName: string;
  /** What the gift cost the viewer, in the platform's smallest currency unit (fen, cents). */
  value: number;
}

export interface DanmakuModeration extends DanmakuBase {
  kind: 'moderation';
  action: 'mute' | 'kick' | 'unmute' | 'delete';
  targetUserId: string;
}

/** An item as the watch holds it: which room and platform it came from. */
export interface RoomItem {
  platformId: string;
  roomId: string;
  item: DanmakuItem;
}
