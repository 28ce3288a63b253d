import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEntriesJsonl, parseSynonymsJsonl } from '../knowledge/io/index.js';
import type { KnowledgeStore } from '../knowledge/ports.js';
import { withDemoTranslations } from './demo-translations.js';

const DEMO_FOLDER = path.resolve(import.meta.dirname, '../knowledge/demo');
export const DEMO_KNOWLEDGE_FILE = path.join(DEMO_FOLDER, 'demo-kb.jsonl');
export const DEMO_SYNONYMS_FILE = path.join(DEMO_FOLDER, 'demo-synonyms.jsonl');

const SEED_ACTOR = 'demo-seed';

/**
 * Loads the demo knowledge base into a store whose entries have never changed, so an editor who
 * deleted every entry does not get the demo back. Synonyms go first and the entries last, in one
 * all-or-nothing import: a seed cut short by a crash is simply done again on the next start. A synonym
 * the store already has a term for is left as it is.
 */
export async function seedDemoKnowledge(store: KnowledgeStore): Promise<boolean> {
  if ((await store.versions({ limit: 1 })).length > 0) return false;
  const entries = parseEntriesJsonl(await readFile(DEMO_KNOWLEDGE_FILE, 'utf8'));
  if (!entries.ok)
    throw new Error(`the demo knowledge base is invalid: ${JSON.stringify(entries.errors.slice(0, 3))}`);
  const synonymLines = parseSynonymsJsonl(await readFile(DEMO_SYNONYMS_FILE, 'utf8'));
  if (!synonymLines.ok) {
    throw new Error(`the demo synonyms are invalid: ${JSON.stringify(synonymLines.errors.slice(0, 3))}`);
  }
  const existing = await store.listSynonyms();
  for (const synonym of synonymLines.synonyms) {
    if (!existing.some((present) => present.term === synonym.term && present.locale === synonym.locale)) {
      await store.putSynonym(synonym, SEED_ACTOR);
    }
  }
  await store.importEntries(await withDemoTranslations(entries.entries), SEED_ACTOR);
  return true;
}
