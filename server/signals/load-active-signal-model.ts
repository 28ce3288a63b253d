import type { SignalModel } from '../../engine/signals/learned/signal-model.js';
import type { LearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import type { SignalModelStore } from '../../engine/signals/learning/signal-model-version.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { storedModelText } from './signal-model-digest.js';
import { parseSignalModel } from './signal-model-file.js';
import type { SignalModelHolder } from './signal-model-holder.js';
import type { TestSplitMeasure } from './test-split-measure.js';

/** Who chose a model given in the environment, as the admin shows it. */
export const ENVIRONMENT_ACTOR = 'LIVEDESK_SIGNALS_MODEL';

export interface LoadActiveSignalModelOptions {
  store: SignalModelStore;
  holder: SignalModelHolder;
  measure: TestSplitMeasure;
  /** LIVEDESK_SIGNALS_MODEL, already read and checked (a bad file stopped the start before this). */
  configured?: { file: string; model: SignalModel; learned: LearnedSignals } | undefined;
  clock: () => Date;
}

/**
 * Puts the active model in the holder at start. Precedence: a LIVEDESK_SIGNALS_MODEL file the database
 * has never seen is stored as a new version and made active (setting the variable to a new file is an
 * operator's decision); one already stored changes nothing, so after a restart the admin's last choice
 * (another version, a rollback, or no model) stands. A stored active version this Livedesk cannot read
 * stops the start, named, rather than leaving the server to miss what it was trained to catch.
 */
export async function loadActiveSignalModel(options: LoadActiveSignalModelOptions): Promise<void> {
  const { store, holder, configured, clock } = options;
  if (configured) {
    const { digest } = storedModelText(configured.model);
    if ((await store.findByDigest(digest)) === undefined) {
      const at = clock().toISOString();
      const version = await store.add({
        origin: 'environment',
        createdBy: ENVIRONMENT_ACTOR,
        createdAt: at,
        sources: [`file: ${configured.file}`, ...configured.model.sources].slice(0, 50),
        testSplit: await options.measure.measure(configured.learned, new AbortController().signal),
        digest,
        model: configured.model,
      });
      await store.choose({ version, chosenBy: ENVIRONMENT_ACTOR, chosenAt: at });
    }
  }
  const choice = await store.choice();
  if (choice?.version == null) {
    holder.set({ version: null, learned: undefined });
    return;
  }
  const stored = await store.get(choice.version);
  try {
    if (!stored) throw new Error('it is missing');
    holder.set({
      version: choice.version,
      learned: parseSignalModel(stored.modelText, `version ${choice.version}`).learned,
      modelText: stored.modelText,
    });
  } catch (error) {
    throw new LivedeskError(
      'unavailable',
      `the active signal model (version ${choice.version}, chosen by ${choice.chosenBy}) cannot be used: ${(error as Error).message}; set ${ENVIRONMENT_ACTOR} to a model trained for this Livedesk`,
    );
  }
}
