import type { ConversationEventLog, StoredConversationEvent } from '../../engine/ports.js';

/** How one append went: `sequence` is absent when it failed. `event` is the very object appended. */
export interface AppendOutcome<Event> {
  conversationId: string;
  event: Event;
  sequence?: number;
}

export interface ObservedEventLog<Event> {
  /** The log to give the conversation hub. */
  readonly log: ConversationEventLog<Event>;
  /** Calls `listener` after each append, committed or failed; returns the unsubscribe function. */
  observe(listener: (outcome: AppendOutcome<Event>) => void): () => void;
}

/**
 * A decorator that reports each append's sequence number, so the real-time channel can send a
 * persisted event with its place in the log, and only once it is committed.
 */
export function observeEventLog<Event>(inner: ConversationEventLog<Event>): ObservedEventLog<Event> {
  const listeners = new Set<(outcome: AppendOutcome<Event>) => void>();
  const notify = (outcome: AppendOutcome<Event>): void => {
    for (const listener of listeners) listener(outcome);
  };
  return {
    log: {
      async append(conversationId, at, event): Promise<StoredConversationEvent<Event>> {
        let stored: StoredConversationEvent<Event>;
        try {
          stored = await inner.append(conversationId, at, event);
        } catch (error) {
          notify({ conversationId, event });
          throw error;
        }
        notify({ conversationId, event, sequence: stored.sequence });
        return stored;
      },
      read: (conversationId, options) => inner.read(conversationId, options),
      ...(inner.conversationsInState ? { conversationsInState: inner.conversationsInState.bind(inner) } : {}),
    },
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
