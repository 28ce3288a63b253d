import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqliteKnowledgeStore } from '../adapters/sqlite/knowledge-store.js';
import { createDomainPackCatalog } from '../knowledge/domain-packs/domain-pack-catalog.js';
import type { PackOverrideStore } from '../knowledge/domain-packs/pack-overrides.js';
import { shippedPacks } from '../knowledge/domain-packs/shipped-packs.js';
import type { Entry } from '../knowledge/entry.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { CallOptions } from '../knowledge/ports.js';
import type { Synonym } from '../knowledge/synonym.js';
import { openKnowledgeBase, type OpenKnowledgeBaseOptions } from '../server/open-knowledge-base.js';

const EVAL_ACTOR = 'livedesk-eval';

export interface EvalKnowledgeBaseOptions extends Omit<OpenKnowledgeBaseOptions, 'store'> {
  entries: readonly Entry[];
  synonyms: readonly Synonym[];
  /** Shipped domain packs to load, as shipped (an eval has no operator edits); absent: none. */
  domainPackIds?: readonly string[] | undefined;
}

/** An eval measures the packs as shipped: nothing to override, nothing to record. */
const NO_OVERRIDES: PackOverrideStore = {
  list: () => Promise.resolve([]),
  put: () => Promise.resolve(undefined),
  reset: () => Promise.resolve(undefined),
  versions: () => Promise.resolve([]),
  revert: () => Promise.resolve({ found: false }),
};

export interface EvalKnowledgeBase {
  knowledgeBase: KnowledgeBase;
  embedderId: string;
  /** Closes everything and deletes the temporary store. */
  close(): Promise<void>;
}

/**
 * The knowledge base as the server would hold it, in a fresh SQLite file in a temporary folder: the
 * entries go through the store's import (its validation included) and come back out to be indexed.
 */
export async function openEvalKnowledgeBase(
  options: EvalKnowledgeBaseOptions,
  callOptions: CallOptions = {},
): Promise<EvalKnowledgeBase> {
  const folder = await mkdtemp(path.join(tmpdir(), 'livedesk-eval-'));
  const store = createSqliteKnowledgeStore({
    path: path.join(folder, 'eval.sqlite'),
    knowledgeBaseId: 'eval',
  });
  const discard = async () => {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    for (const synonym of options.synonyms) await store.putSynonym(synonym, EVAL_ACTOR);
    await store.importEntries(options.entries, EVAL_ACTOR);
    const { entries: _entries, synonyms: _synonyms, domainPackIds: packIds = [], ...openOptions } = options;
    const domainPacks =
      packIds.length === 0
        ? undefined
        : createDomainPackCatalog({ shipped: shippedPacks(), activeIds: packIds, overrides: NO_OVERRIDES });
    const opened = await openKnowledgeBase({ ...openOptions, store, domainPacks }, callOptions);
    return {
      knowledgeBase: opened.knowledgeBase,
      embedderId: opened.embedderId,
      async close() {
        await opened.close();
        await discard();
      },
    };
  } catch (error) {
    await discard();
    throw error;
  }
}
