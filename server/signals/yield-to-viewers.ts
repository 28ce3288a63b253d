import { setImmediate as nextTurn } from 'node:timers/promises';
import { throwIfAborted } from '../../knowledge/errors.js';

/** Called between steps of long work; the default gives the event loop back so viewers are served meanwhile. */
export type SignalWorkPace = (signal: AbortSignal) => Promise<void>;

export const yieldToViewers: SignalWorkPace = async (signal) => {
  await nextTurn(undefined, { signal }).catch(() => undefined);
  throwIfAborted(signal);
};
