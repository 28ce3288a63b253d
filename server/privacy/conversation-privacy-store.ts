import { z } from 'zod';

/** A supervisor's mark that a conversation is sensitive: who set it, when, and why. */
export const SensitiveMarkSchema = z.object({
  conversationId: z.string().min(1),
  markedBy: z.string().min(1),
  markedAt: z.iso.datetime(),
  note: z.string().max(500),
});
export type SensitiveMark = z.infer<typeof SensitiveMarkSchema>;

/**
 * Which conversations are sensitive (server/desk/conversation-access.ts narrows who may open them). Marks
 * live beside the conversation log, not in it: clearing one is a change of policy, not something said.
 */
export interface ConversationPrivacyStore {
  /** Marks (or re-marks, replacing the note) a conversation sensitive. */
  markSensitive(mark: SensitiveMark): Promise<void>;
  /** Clears the mark; false when there was none. */
  clearSensitive(conversationId: string): Promise<boolean>;
  sensitive(conversationId: string): Promise<SensitiveMark | undefined>;
  /** The ids among these that are marked: one query for a list page. */
  sensitiveAmong(conversationIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Forgets the marks of erased conversations; how many went. */
  forget(conversationIds: readonly string[]): Promise<number>;
}

/** For tests and servers built without stores: marks in memory, gone with the process. */
export function createInMemoryConversationPrivacyStore(): ConversationPrivacyStore {
  const marks = new Map<string, SensitiveMark>();
  return {
    markSensitive: (mark) => {
      marks.set(mark.conversationId, SensitiveMarkSchema.parse(mark));
      return Promise.resolve();
    },
    clearSensitive: (conversationId) => Promise.resolve(marks.delete(conversationId)),
    sensitive: (conversationId) => Promise.resolve(marks.get(conversationId)),
    sensitiveAmong: (conversationIds) =>
      Promise.resolve(new Set(conversationIds.filter((conversationId) => marks.has(conversationId)))),
    forget: (conversationIds) =>
      Promise.resolve(conversationIds.filter((conversationId) => marks.delete(conversationId)).length),
  };
}
