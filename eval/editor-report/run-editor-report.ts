import {
  buildEditorReport,
  type EditorReport,
  type EditorReportInput,
} from '../../knowledge/editor-report/index.js';
import type { Entry } from '../../knowledge/entry.js';
import type { CallOptions } from '../../knowledge/ports.js';
import type { Synonym } from '../../knowledge/synonym.js';
import { openEvalKnowledgeBase, type EvalKnowledgeBaseOptions } from '../open-eval-knowledge-base.js';

export interface RunEditorReportOptions
  extends
    Omit<EditorReportInput, 'matcher' | 'reindex' | 'entries' | 'synonyms'>,
    Omit<EvalKnowledgeBaseOptions, 'entries' | 'synonyms'> {
  entries: readonly Entry[];
  synonyms: readonly Synonym[];
}

/**
 * The editor report on a copy of the knowledge base, indexed as the server indexes it, in a temporary
 * store: the report edits its matcher entry by entry, which the one answering viewers must never see.
 */
export async function runEditorReport(
  options: RunEditorReportOptions,
  callOptions: CallOptions = {},
): Promise<EditorReport> {
  const {
    suite,
    gaps,
    dismissed,
    maxTestedPhrasings,
    evaluatedSuggestions,
    gapMinConfidence,
    oneAtATime,
    now,
    elapsedMs,
    entries,
    synonyms,
    // Everything else builds the matcher (embedder, index, settings, and whatever the server adds).
    ...openOptions
  } = options;
  const input: Omit<EditorReportInput, 'matcher' | 'reindex' | 'entries' | 'synonyms'> = {
    suite,
    gaps,
    dismissed,
    ...(maxTestedPhrasings === undefined ? {} : { maxTestedPhrasings }),
    ...(evaluatedSuggestions === undefined ? {} : { evaluatedSuggestions }),
    ...(gapMinConfidence === undefined ? {} : { gapMinConfidence }),
    ...(oneAtATime === undefined ? {} : { oneAtATime }),
    ...(now === undefined ? {} : { now }),
    ...(elapsedMs === undefined ? {} : { elapsedMs }),
  };
  const opened = await openEvalKnowledgeBase({ ...openOptions, entries, synonyms }, callOptions);
  try {
    const { matcher, store } = opened.knowledgeBase;
    // The entries as stored (defaults filled in), so what is tested is what is served.
    const stored = await store.list();
    return await buildEditorReport(
      {
        ...input,
        matcher,
        reindex: (reindexOptions) => matcher.rebuild(stored, synonyms, reindexOptions),
        entries: stored,
        synonyms,
      },
      callOptions,
    );
  } finally {
    await opened.close();
  }
}
