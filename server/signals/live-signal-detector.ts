import {
  createSignalDetector,
  type SignalDetector,
  type SignalsConfig,
  type SignalSupport,
} from '../../engine/signals/detect-signals.js';

/**
 * A detector that follows the active model (support.learned may change: see live-signal-support.ts). When
 * it has changed, a new detector is built before the next message is read (a few milliseconds: the lists
 * are compiled again). The new detector starts with an empty per-text cache, so no verdict of the old model
 * is ever served after a swap; a turn already reading keeps the detector it started with.
 */
export function createLiveSignalDetector(config: SignalsConfig, support: SignalSupport): SignalDetector {
  const build = (learned: SignalSupport['learned']) => ({
    learned,
    detector: createSignalDetector(config, {
      analyzer: support.analyzer,
      intents: support.intents,
      learned,
    }),
  });
  let built = build(support.learned);
  const current = (): SignalDetector => {
    const learned = support.learned;
    if (learned !== built.learned) built = build(learned);
    return built.detector;
  };
  return {
    detect: (input) => current().detect(input),
    examine: (text) => current().examine(text),
  };
}
