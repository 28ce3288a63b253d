import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { maskPiiText } from '../../engine/privacy/mask-pii.js';
import type { SignalSupport } from '../../engine/signals/detect-signals.js';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import type { SignalModelStore } from '../../engine/signals/learning/signal-model-version.js';
import type { ObservedEventLog } from '../realtime/observed-event-log.js';
import { createDeskLabels, recordLabelsOnAccept, type DeskLabels } from './desk-labels.js';
import { liveSignalSupport } from './live-signal-support.js';
import { loadActiveSignalModel } from './load-active-signal-model.js';
import { createSignalModelCatalog, type SignalModelCatalog } from './signal-model-catalog.js';
import { readSignalModelFile } from './signal-model-file.js';
import { createSignalModelHolder, type SignalModelHolder } from './signal-model-holder.js';
import { createSignalTrainingService, type SignalTrainingService } from './signal-training-service.js';
import { createTestSplitMeasure, type TestSplitMeasure } from './test-split-measure.js';
import type { SignalWorkPace } from './yield-to-viewers.js';
import type { Logger } from '../logging/logger.js';

/** The model in use and its versions: ready before the conversation hub, which reads with `support`. */
export interface SignalModels {
  /** The server's language support, its `learned` the active version's (read at each use). */
  support: SignalSupport;
  holder: SignalModelHolder;
  catalog: SignalModelCatalog;
  measure: TestSplitMeasure;
  /** The analysis and intents alone, what every model is trained to read with. */
  base: Pick<SignalSupport, 'analyzer' | 'intents'>;
}

/**
 * Reads LIVEDESK_SIGNALS_MODEL (a bad file stops the start, named), stores it as a version when it is new,
 * and puts the active version in the holder (see loadActiveSignalModel for the precedence).
 */
export async function readConfiguredSignalModel(file: string | undefined) {
  return file ? { file, ...(await readSignalModelFile(file)) } : undefined;
}

export async function startSignalModels(options: {
  /** Where model versions and the active choice are kept (server/storage/). */
  store: SignalModelStore;
  /** The analysis and intents (server/signals/signal-runtime.ts), without a model. */
  base: Pick<SignalSupport, 'analyzer' | 'intents'>;
  configured: Awaited<ReturnType<typeof readConfiguredSignalModel>>;
  clock: () => Date;
  pace?: SignalWorkPace | undefined;
}): Promise<SignalModels> {
  const { base, clock } = options;
  const { store } = options;
  const holder = createSignalModelHolder();
  const measure = createTestSplitMeasure({ support: base, ...(options.pace ? { pace: options.pace } : {}) });
  await loadActiveSignalModel({ store, holder, measure, configured: options.configured, clock });
  return {
    support: liveSignalSupport(base, holder),
    holder,
    catalog: createSignalModelCatalog({ store, holder, measure, clock }),
    measure,
    base,
  };
}

/** What the HTTP routes of the learning loop work with. */
export interface SignalLearning {
  catalog: SignalModelCatalog;
  training: SignalTrainingService;
  labels: DeskLabels;
  close(): Promise<void>;
}

/** The desk's labels (recorded as agents accept escalations) and retraining, over the started models. */
export function createSignalLearning(options: {
  models: SignalModels;
  /** Where the desk's labels are kept (server/storage/). */
  labelStore: SignalLabelStore;
  events: ObservedEventLog<ConversationEvent>;
  clock: () => Date;
  pace?: SignalWorkPace | undefined;
  /** Fewer positive (or negative) examples of a signal than this and the retrain refuses it. */
  minExamples?: number | undefined;
  /** Where background failures (a label not recorded, a training job that crashed) go; the console without. */
  logger?: Logger | undefined;
}): SignalLearning {
  const { models, clock } = options;
  const labels = createDeskLabels({
    store: options.labelStore,
    log: options.events.log,
    maskPii: maskPiiText,
    clock,
  });
  const { logger } = options;
  const stopRecording = recordLabelsOnAccept(
    options.events,
    labels,
    ...(logger
      ? [
          (error: unknown, context: { conversationId: string }) =>
            logger.error({ ...context, error }, 'desk label not recorded'),
        ]
      : []),
  );
  const training = createSignalTrainingService({
    support: models.base,
    labels,
    catalog: models.catalog,
    measure: models.measure,
    clock,
    logger,
    ...(options.pace ? { pace: options.pace } : {}),
    ...(options.minExamples ? { minPositives: options.minExamples } : {}),
  });
  return {
    catalog: models.catalog,
    training,
    labels,
    async close() {
      stopRecording();
      await training.close();
    },
  };
}
