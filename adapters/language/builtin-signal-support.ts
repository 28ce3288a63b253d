import type { SignalDetectorOptions } from '../../engine/signals/detect-signals.js';
import { buildIntentIndex } from '../../engine/signals/intents/intent-index.js';
import { DEFAULT_SIGNAL_INTENTS, type SignalIntent } from '../../engine/signals/intents/signal-intents.js';
import type { Entry } from '../../knowledge/entry.js';
import type { Synonym } from '../../knowledge/synonym.js';
import { createBuiltinSignalAnalyzer } from './builtin-signal-analyzer.js';

/** Ordinary questions that weigh common words down in the intents: enough to know them, few to index fast. */
const MAX_BACKGROUND_QUESTIONS = 3000;

/**
 * What the signals read language with: the builtin analysis with the knowledge base's synonym table (so
 * slang such as "rg" or "zb" reads as the word it stands for), and the intents indexed against the
 * knowledge base's own questions, which weigh the everyday words of its trade down.
 */
export function createBuiltinSignalSupport(options: {
  synonyms: readonly Synonym[];
  entries: readonly (Pick<Entry, 'questions'> & { translations?: Entry['translations'] | undefined })[];
  intents?: readonly SignalIntent[];
}): Pick<SignalDetectorOptions, 'analyzer' | 'intents'> {
  const analyzer = createBuiltinSignalAnalyzer({ synonyms: options.synonyms });
  const background = options.entries
    .flatMap((entry) => [
      ...entry.questions,
      ...Object.values(entry.translations ?? {}).flatMap((translation) => translation.questions),
    ])
    .slice(0, MAX_BACKGROUND_QUESTIONS);
  return {
    analyzer,
    intents: buildIntentIndex({ intents: options.intents ?? DEFAULT_SIGNAL_INTENTS, analyzer, background }),
  };
}
