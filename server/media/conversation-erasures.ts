/** One upload's watch on its conversation, from before its blob is stored until it answers. */
export interface ErasureWatch {
  /** True once the conversation's media was erased after the watch began. */
  readonly erased: boolean;
  release(): void;
}

/**
 * Tells uploads in flight that their conversation was erased under them (a viewer's erasure runs while
 * a file is still being stored): the upload then takes its record and blobs back out and refuses, so
 * nothing of an erased viewer is kept. In-process only, so it is the quick path: an erasure on another
 * node is caught by the upload reading the conversation back from the shared store (MediaService's
 * `stillOwned`) and by erasure removing the conversations' media once more after it (server/privacy).
 */
export interface ConversationErasures {
  watch(conversationId: string): ErasureWatch;
  /** Called as an erasure starts, before its records are deleted. */
  erasing(conversationIds: readonly string[]): void;
}

export function createConversationErasures(): ConversationErasures {
  const watching = new Map<string, Set<{ erased: boolean }>>();
  return {
    watch(conversationId) {
      const state = { erased: false };
      let watchers = watching.get(conversationId);
      if (!watchers) watching.set(conversationId, (watchers = new Set()));
      watchers.add(state);
      return {
        get erased() {
          return state.erased;
        },
        release() {
          watchers.delete(state);
          if (watchers.size === 0 && watching.get(conversationId) === watchers)
            watching.delete(conversationId);
        },
      };
    },
    erasing(conversationIds) {
      for (const conversationId of conversationIds)
        for (const state of watching.get(conversationId) ?? []) state.erased = true;
    },
  };
}
