import type { Database } from 'better-sqlite3';

export interface EntryVersionRow {
  version_id: number;
  entry_id: string;
  action: string;
  actor: string;
  at: string;
  before_body: string | null;
  after_body: string | null;
}

export interface SynonymRow {
  term: string;
  locale: string | null;
  canonical: string;
}

export interface SynonymVersionRow {
  version_id: number;
  term: string;
  locale: string | null;
  action: string;
  actor: string;
  at: string;
  before_canonical: string | null;
  after_canonical: string | null;
}

/** Every statement the knowledge store runs, prepared once when the store opens. */
export function prepareKnowledgeStatements(database: Database) {
  return {
    selectEntry: database.prepare<[kbId: string, entryId: string], { body: string }>(
      'SELECT body FROM knowledge_entries WHERE kb_id = ? AND entry_id = ?',
    ),
    selectEntries: database.prepare<[kbId: string], { entry_id: string; body: string }>(
      'SELECT entry_id, body FROM knowledge_entries WHERE kb_id = ? ORDER BY entry_id',
    ),
    upsertEntry: database.prepare<[{ kbId: string; entryId: string; body: string; at: string }]>(
      `INSERT INTO knowledge_entries (kb_id, entry_id, body, updated_at) VALUES (@kbId, @entryId, @body, @at)
       ON CONFLICT (kb_id, entry_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    ),
    deleteEntry: database.prepare<[kbId: string, entryId: string]>(
      'DELETE FROM knowledge_entries WHERE kb_id = ? AND entry_id = ?',
    ),
    insertEntryVersion: database.prepare<
      [
        {
          kbId: string;
          entryId: string;
          action: string;
          actor: string;
          at: string;
          before: string | null;
          after: string | null;
        },
      ]
    >(
      `INSERT INTO knowledge_entry_versions (kb_id, entry_id, action, actor, at, before_body, after_body)
       VALUES (@kbId, @entryId, @action, @actor, @at, @before, @after)`,
    ),
    selectEntryVersion: database.prepare<[kbId: string, versionId: number], EntryVersionRow>(
      'SELECT * FROM knowledge_entry_versions WHERE kb_id = ? AND version_id = ?',
    ),
    selectEntryVersions: database.prepare<[kbId: string, limit: number], EntryVersionRow>(
      'SELECT * FROM knowledge_entry_versions WHERE kb_id = ? ORDER BY version_id DESC LIMIT ?',
    ),
    selectEntryVersionsOf: database.prepare<[kbId: string, entryId: string, limit: number], EntryVersionRow>(
      'SELECT * FROM knowledge_entry_versions WHERE kb_id = ? AND entry_id = ? ORDER BY version_id DESC LIMIT ?',
    ),
    selectSynonyms: database.prepare<[kbId: string], SynonymRow>(
      `SELECT term, locale, canonical FROM knowledge_synonyms WHERE kb_id = ? ORDER BY term, ifnull(locale, '')`,
    ),
    selectSynonym: database.prepare<[kbId: string, term: string, locale: string | null], SynonymRow>(
      'SELECT term, locale, canonical FROM knowledge_synonyms WHERE kb_id = ? AND term = ? AND locale IS ?',
    ),
    deleteSynonym: database.prepare<[kbId: string, term: string, locale: string | null]>(
      'DELETE FROM knowledge_synonyms WHERE kb_id = ? AND term = ? AND locale IS ?',
    ),
    insertSynonym: database.prepare<
      [{ kbId: string; term: string; locale: string | null; canonical: string }]
    >(
      'INSERT INTO knowledge_synonyms (kb_id, term, locale, canonical) VALUES (@kbId, @term, @locale, @canonical)',
    ),
    insertSynonymVersion: database.prepare<
      [
        {
          kbId: string;
          term: string;
          locale: string | null;
          action: string;
          actor: string;
          at: string;
          before: string | null;
          after: string | null;
        },
      ]
    >(
      `INSERT INTO knowledge_synonym_versions (kb_id, term, locale, action, actor, at, before_canonical, after_canonical)
       VALUES (@kbId, @term, @locale, @action, @actor, @at, @before, @after)`,
    ),
    selectSynonymVersions: database.prepare<[kbId: string, limit: number], SynonymVersionRow>(
      'SELECT * FROM knowledge_synonym_versions WHERE kb_id = ? ORDER BY version_id DESC LIMIT ?',
    ),
  };
}

export type KnowledgeStatements = ReturnType<typeof prepareKnowledgeStatements>;
