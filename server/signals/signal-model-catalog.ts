import type { SignalModel } from '../../engine/signals/learned/signal-model.js';
import type {
  SignalModelChoice,
  SignalModelStore,
  SignalModelVersion,
  TestSplitFigures,
} from '../../engine/signals/learning/signal-model-version.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { storedModelText } from './signal-model-digest.js';
import { parseSignalModel } from './signal-model-file.js';
import type { SignalModelHolder } from './signal-model-holder.js';
import type { TestSplitMeasure } from './test-split-measure.js';

export interface SignalModelListing {
  /** Undefined until anyone chose; `version` null: the lists and intents alone. */
  choice: SignalModelChoice | undefined;
  /** The version the server reads with now. */
  activeVersion: number | null;
  versions: SignalModelVersion[];
}

/** The admin's model versions: list, download, upload, store a trained one, activate (or roll back). */
export interface SignalModelCatalog {
  list(): Promise<SignalModelListing>;
  modelText(version: number): Promise<string | undefined>;
  /**
   * Checks an uploaded file as LIVEDESK_SIGNALS_MODEL is checked (parseSignalModel names what is wrong)
   * before anything is stored; the same model uploaded again is the version it already is.
   */
  upload(
    text: string,
    options: { name: string; by: string },
  ): Promise<{ version: SignalModelVersion; created: boolean }>;
  /** A model trained in the admin, with its test-split figures; not activated. */
  addTrained(
    model: SignalModel,
    options: { by: string; testSplit: TestSplitFigures | null },
  ): Promise<SignalModelVersion>;
  /** Makes a stored version (or none) the one every conversation reads its next message with. */
  activate(version: number | null, by: string): Promise<SignalModelChoice>;
}

export interface SignalModelCatalogOptions {
  store: SignalModelStore;
  holder: SignalModelHolder;
  measure: TestSplitMeasure;
  clock: () => Date;
}

export function createSignalModelCatalog(options: SignalModelCatalogOptions): SignalModelCatalog {
  const { store, holder, measure, clock } = options;
  const versionOf = async (version: number): Promise<SignalModelVersion> => {
    const stored = await store.get(version);
    if (!stored) throw new LivedeskError('internal', `signal model version ${version} was not stored`);
    return stored.version;
  };
  const add = async (
    model: SignalModel,
    details: {
      origin: 'trained' | 'uploaded';
      by: string;
      sources: string[];
      testSplit: TestSplitFigures | null;
    },
  ) => {
    const { digest } = storedModelText(model);
    const number = await store.add({
      origin: details.origin,
      createdBy: details.by,
      createdAt: clock().toISOString(),
      sources: details.sources,
      testSplit: details.testSplit,
      digest,
      model,
    });
    return versionOf(number);
  };
  // One activation at a time, so the stored choice and the model in use can never disagree.
  let activations: Promise<unknown> = Promise.resolve();

  return {
    async list() {
      const [choice, versions] = await Promise.all([store.choice(), store.list()]);
      return { choice, activeVersion: holder.current().version, versions };
    },
    async modelText(version) {
      return (await store.get(version))?.modelText;
    },
    async upload(text, { name, by }) {
      const { model, learned } = parseSignalModel(text, `file "${name}"`);
      const known = await store.findByDigest(storedModelText(model).digest);
      if (known !== undefined) return { version: await versionOf(known), created: false };
      const testSplit = await measure.measure(learned, new AbortController().signal);
      const sources = [`uploaded: ${name}`, ...model.sources].slice(0, 50);
      return { version: await add(model, { origin: 'uploaded', by, sources, testSplit }), created: true };
    },
    addTrained(model, { by, testSplit }) {
      return add(model, { origin: 'trained', by, sources: model.sources, testSplit });
    },
    activate(version, by) {
      const run = async (): Promise<SignalModelChoice> => {
        let learned;
        let modelText;
        if (version !== null) {
          const stored = await store.get(version);
          if (!stored) throw new LivedeskError('not_found', `no signal model version ${version}`);
          // Checked again before it replaces the working model: an older version may not fit this Livedesk.
          learned = parseSignalModel(stored.modelText, `version ${version}`).learned;
          modelText = stored.modelText;
        }
        const choice = { version, chosenBy: by, chosenAt: clock().toISOString() };
        await store.choose(choice);
        holder.set({ version, learned, modelText });
        return choice;
      };
      const next = activations.then(run, run);
      activations = next.catch(() => undefined);
      return next;
    },
  };
}
