import type { SignalSupport } from '../../engine/signals/detect-signals.js';
import type { SignalModelHolder } from './signal-model-holder.js';

/**
 * The server's language support with `learned` read from the holder each time it is asked for: whoever
 * builds a detector from it (an eval run, the live detector after a swap) gets the model active then.
 */
export function liveSignalSupport(
  support: Pick<SignalSupport, 'analyzer' | 'intents'>,
  holder: SignalModelHolder,
): SignalSupport {
  return {
    analyzer: support.analyzer,
    intents: support.intents,
    get learned() {
      return holder.current().learned;
    },
  };
}
