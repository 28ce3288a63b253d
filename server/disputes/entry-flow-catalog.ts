import type { EntryFlow } from '../../knowledge/entry.js';
import type { KnowledgeStore } from '../../knowledge/ports.js';

export interface EntryFlowCatalog {
  /** The flow the entry starts after its answer, if any. */
  flowOf(entryId: string): EntryFlow | undefined;
  close(): void;
}

/**
 * Which entries start a flow, kept in memory and in step with the store's changes, so an answered turn
 * costs no read of the store.
 */
export async function createEntryFlowCatalog(
  store: Pick<KnowledgeStore, 'list' | 'onChange'>,
): Promise<EntryFlowCatalog> {
  const flows = new Map<string, EntryFlow>();
  // Listening first: a change committed while the list is read is not lost.
  const changed = new Map<string, EntryFlow | null>();
  let listed = false;
  const unsubscribe = store.onChange((change) => {
    if (change.kind !== 'entry') return;
    const flow = change.entry?.enabled === false ? null : (change.entry?.flow ?? null);
    if (!listed) changed.set(change.entryId, flow);
    else if (flow === null) flows.delete(change.entryId);
    else flows.set(change.entryId, flow);
  });
  for (const entry of await store.list())
    if (entry.flow !== undefined && entry.enabled) flows.set(entry.id, entry.flow);
  for (const [entryId, flow] of changed) {
    if (flow === null) flows.delete(entryId);
    else flows.set(entryId, flow);
  }
  listed = true;
  return {
    flowOf: (entryId) => flows.get(entryId),
    close: unsubscribe,
  };
}
