import type { QuickReply, QuickReplyFilter } from './quick-reply.js';

/**
 * Where quick replies are kept. A shortcut is unique per locale and team scope: writing a second one
 * fails with `conflict`.
 */
export interface QuickReplyStore {
  /** Ordered by shortcut, then locale. */
  list(filter?: QuickReplyFilter): Promise<QuickReply[]>;
  get(id: string): Promise<QuickReply | undefined>;
  /** Creates or replaces the reply with `reply.id`. */
  put(reply: QuickReply): Promise<void>;
  /** Resolves false when there was no such reply. */
  remove(id: string): Promise<boolean>;
}
