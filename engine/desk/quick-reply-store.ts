import type { QuickReply, QuickReplyFilter, UsedQuickReply } from './quick-reply.js';

/**
 * Where quick replies are kept. A shortcut is unique per locale and team scope: writing a second one
 * fails with `conflict`.
 */
export interface QuickReplyStore {
  /** Most used first, then by shortcut, then locale: what agents reach for is at the top. */
  list(filter?: QuickReplyFilter): Promise<UsedQuickReply[]>;
  get(id: string): Promise<QuickReply | undefined>;
  /** Creates or replaces the reply with `reply.id`. */
  put(reply: QuickReply): Promise<void>;
  /** Resolves false when there was no such reply; its use count goes with it. */
  remove(id: string): Promise<boolean>;
  /** Counts one use (an agent put the reply in a message); resolves false when there is no such reply. */
  recordUse(id: string, at: string): Promise<boolean>;
}
