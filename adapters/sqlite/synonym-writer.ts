import { LivedeskError } from '../../knowledge/errors.js';
import type { Synonym } from '../../knowledge/synonym.js';
import type { KnowledgeStatements } from './knowledge-statements.js';

export interface SynonymVersion {
  versionId: number;
  term: string;
  /** Absent: the synonym applies to every language. */
  locale: string | undefined;
  action: 'put' | 'delete';
  actor: string;
  at: string;
  /** The canonical word before and after the change; null where the synonym did not exist. */
  before: string | null;
  after: string | null;
}

interface SynonymChange {
  term: string;
  locale: string | null;
  actor: string;
  at: string;
  before: string | null;
  after: string | null;
}

/** Reads and writes a knowledge base's synonyms with their version rows; writes must run inside a transaction. */
export function createSynonymWriter({
  statements,
  knowledgeBaseId,
}: {
  statements: KnowledgeStatements;
  knowledgeBaseId: string;
}) {
  function record(change: SynonymChange): void {
    statements.insertSynonymVersion.run({
      kbId: knowledgeBaseId,
      ...change,
      action: change.after === null ? 'delete' : 'put',
    });
  }

  return {
    list(): Synonym[] {
      return statements.selectSynonyms
        .all(knowledgeBaseId)
        .map(({ term, locale, canonical }) =>
          locale === null ? { term, canonical } : { term, canonical, locale },
        );
    },

    /** Returns false, recording nothing, when the synonym is already stored as it is. */
    put(synonym: Synonym, actor: string, at: string): boolean {
      const locale = synonym.locale ?? null;
      const current = statements.selectSynonym.get(knowledgeBaseId, synonym.term, locale);
      if (current?.canonical === synonym.canonical) return false;
      statements.deleteSynonym.run(knowledgeBaseId, synonym.term, locale);
      statements.insertSynonym.run({
        kbId: knowledgeBaseId,
        term: synonym.term,
        locale,
        canonical: synonym.canonical,
      });
      record({
        term: synonym.term,
        locale,
        actor,
        at,
        before: current?.canonical ?? null,
        after: synonym.canonical,
      });
      return true;
    },

    remove(term: string, locale: string | undefined, actor: string, at: string): void {
      const current = statements.selectSynonym.get(knowledgeBaseId, term, locale ?? null);
      if (!current) {
        const where = locale === undefined ? 'for every language' : `for locale "${locale}"`;
        throw new LivedeskError(
          'not_found',
          `no synonym "${term}" ${where} in knowledge base "${knowledgeBaseId}"`,
        );
      }
      statements.deleteSynonym.run(knowledgeBaseId, term, locale ?? null);
      record({ term, locale: locale ?? null, actor, at, before: current.canonical, after: null });
    },

    versions(limit: number): SynonymVersion[] {
      return statements.selectSynonymVersions.all(knowledgeBaseId, limit).map((row) => ({
        versionId: row.version_id,
        term: row.term,
        locale: row.locale ?? undefined,
        action: row.action === 'delete' ? 'delete' : 'put',
        actor: row.actor,
        at: row.at,
        before: row.before_canonical,
        after: row.after_canonical,
      }));
    },
  };
}
