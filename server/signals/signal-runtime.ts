import { createBuiltinSignalSupport } from '../../adapters/language/builtin-signal-support.js';
import type { SignalSupport } from '../../engine/signals/detect-signals.js';
import type { LearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import type { KnowledgeStore } from '../../knowledge/ports.js';
import { readSignalModelFile } from './signal-model-file.js';

/**
 * The configured trained model, read before anything else starts: one that cannot be used stops the start
 * with its file named, since a server that quietly ran without it would miss what it was trained to catch.
 */
export async function loadConfiguredSignalModel(
  modelFile: string | undefined,
): Promise<LearnedSignals | undefined> {
  return modelFile ? (await readSignalModelFile(modelFile)).learned : undefined;
}

/** The signals' language support from the knowledge base's synonyms and questions, built once at start. */
export async function createSignalRuntime(options: {
  store: Pick<KnowledgeStore, 'list' | 'listSynonyms'>;
  learned?: LearnedSignals | undefined;
}): Promise<SignalSupport> {
  const [synonyms, entries] = await Promise.all([options.store.listSynonyms(), options.store.list()]);
  return {
    ...createBuiltinSignalSupport({ synonyms, entries }),
    ...(options.learned ? { learned: options.learned } : {}),
  };
}
