import type { StaffRole } from './principal.js';

/**
 * A change to a staff account that open sessions must follow at once: `revoked` ends them (new password,
 * disabled, deleted); `role` keeps them under the new role and token version.
 */
export type AccountChange =
  | { kind: 'revoked'; userId: string; reason: 'password' | 'disabled' | 'deleted' }
  | { kind: 'role'; userId: string; role: StaffRole; tokenVersion: number };

/** In-process fan-out from the code that changes accounts to the sockets signed in with them. */
export interface AccountChanges {
  publish(change: AccountChange): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (change: AccountChange) => void): () => void;
}

export function createAccountChanges(): AccountChanges {
  const listeners = new Set<(change: AccountChange) => void>();
  return {
    publish(change) {
      for (const listener of [...listeners]) listener(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
