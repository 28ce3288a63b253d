import type { LearnedSignals } from '../../engine/signals/learned/learned-signals.js';

/** The model the server reads viewers' messages with: a stored version, or none (`version` null). */
export interface ActiveSignalModel {
  version: number | null;
  learned: LearnedSignals | undefined;
  /** The stored model as written, for readers on other threads (the match workers) to compile their own. */
  modelText?: string | undefined;
}

/**
 * Holds the active model for everything that reads messages (conversations, eval runs), so the admin can
 * swap it while the server runs: whoever reads next reads with the new one.
 */
export interface SignalModelHolder {
  current(): ActiveSignalModel;
  set(active: ActiveSignalModel): void;
}

export function createSignalModelHolder(
  initial: ActiveSignalModel = { version: null, learned: undefined },
): SignalModelHolder {
  let active = initial;
  return {
    current: () => active,
    set(next) {
      active = next;
    },
  };
}
