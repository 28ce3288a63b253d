export interface WaitEstimateInput {
  /** Waiting conversations ahead of this one that compete for the same agents. */
  ahead: number;
  /** Total capacity (slots) of the online agents who can take this conversation. */
  eligibleCapacity: number;
  /** Recent handle time (EWMA), in ms. */
  averageHandleMs: number;
}

/**
 * Estimated wait in ms: `(ahead + 1) * averageHandleMs / eligibleCapacity`.
 *
 * With every eligible slot busy, each slot frees about once per average handle time, so the slots
 * together free `eligibleCapacity / averageHandleMs` conversations per ms; this conversation is served
 * when the `ahead + 1`-th slot frees. `null` when no online agent can take it (the wait is unknown,
 * not zero).
 */
export function estimateWaitMs(input: WaitEstimateInput): number | null {
  if (input.eligibleCapacity <= 0) return null;
  return Math.round(((input.ahead + 1) * input.averageHandleMs) / input.eligibleCapacity);
}
