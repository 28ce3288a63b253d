import type { StoreChange } from '../../knowledge/ports.js';

export type ChangeListener = (change: StoreChange) => void;

export interface ChangeListeners {
  add(listener: ChangeListener): () => void;
  /** Called after a commit: every listener hears every change, whatever the others do. */
  emit(changes: readonly StoreChange[]): void;
  clear(): void;
}

/**
 * A listener that throws must not turn a committed write into a rejected call (the caller would retry a change
 * that already happened) nor keep later listeners, such as the vector index, from hearing about it.
 */
export function createChangeListeners(onListenerError: (error: unknown) => void): ChangeListeners {
  const listeners = new Set<ChangeListener>();
  return {
    add(listener) {
      // Wrapped, so that subscribing the same function twice gives two independent subscriptions.
      const subscription: ChangeListener = (change) => listener(change);
      listeners.add(subscription);
      return () => {
        listeners.delete(subscription);
      };
    },
    emit(changes) {
      for (const change of changes) {
        for (const listener of [...listeners]) {
          try {
            listener(change);
          } catch (error) {
            onListenerError(error);
          }
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
