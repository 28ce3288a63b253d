import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEntriesJsonl } from '../../knowledge/io/index.js';
import type { KnowledgeStore } from '../../knowledge/ports.js';

export const DEMO_COMMERCE_KNOWLEDGE_FILE = path.resolve(
  import.meta.dirname,
  '../../knowledge/demo/demo-commerce-kb.jsonl',
);

/**
 * The demo's commerce entries, whose answers are templates over the demo shop's tools. Added with the demo
 * shop, each only if the store never had it (an editor who deleted one does not get it back). Kept out of
 * demo-kb.jsonl so the demo evaluation's entries and baselines stay as they are.
 */
export async function seedCommerceKnowledge(store: KnowledgeStore): Promise<string[]> {
  const parsed = parseEntriesJsonl(await readFile(DEMO_COMMERCE_KNOWLEDGE_FILE, 'utf8'));
  if (!parsed.ok)
    throw new Error(`the demo commerce entries are invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const added: string[] = [];
  for (const entry of parsed.entries) {
    if ((await store.versions({ entryId: entry.id, limit: 1 })).length > 0) continue;
    await store.put(entry, 'demo-seed');
    added.push(entry.id);
  }
  return added;
}
