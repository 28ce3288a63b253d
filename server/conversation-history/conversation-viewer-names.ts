/**
 * The display names viewers opened conversations with, by conversation id; conversations whose viewer gave
 * none are left out. Asynchronous because a shared database answers over the network.
 */
export type ConversationViewerNames = (
  conversationIds: readonly string[],
) => Promise<ReadonlyMap<string, string>>;
