import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import type { Synonym } from '../../knowledge/synonym.js';
import type { SynonymVersion } from '../sqlite/synonym-writer.js';
import type { KnowledgeChangeRecord } from './knowledge-change-notices.js';

const SynonymRowSchema = z.object({ term: z.string(), locale: z.string().nullable(), canonical: z.string() });
const SynonymVersionRowSchema = z.object({
  version_id: z.string(),
  term: z.string(),
  locale: z.string().nullable(),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  before_canonical: z.string().nullable(),
  after_canonical: z.string().nullable(),
});

/** A knowledge base's synonyms with their version rows; writes run inside the caller's locked transaction. */
export function createPostgresSynonymWriter(knowledgeBaseId: string) {
  async function select(client: PoolClient, term: string, locale: string | null) {
    const { rows } = await client.query<{ canonical: string }>(
      `SELECT canonical FROM knowledge_synonyms
        WHERE kb_id = $1 AND term = $2 AND locale IS NOT DISTINCT FROM $3`,
      [knowledgeBaseId, term, locale],
    );
    return rows[0];
  }

  async function replace(
    client: PoolClient,
    change: {
      term: string;
      locale: string | null;
      actor: string;
      at: string;
      before: string | null;
      after: string | null;
    },
    records: KnowledgeChangeRecord[],
  ): Promise<void> {
    await client.query(
      'DELETE FROM knowledge_synonyms WHERE kb_id = $1 AND term = $2 AND locale IS NOT DISTINCT FROM $3',
      [knowledgeBaseId, change.term, change.locale],
    );
    if (change.after !== null) {
      await client.query(
        'INSERT INTO knowledge_synonyms (kb_id, term, locale, canonical) VALUES ($1, $2, $3, $4)',
        [knowledgeBaseId, change.term, change.locale, change.after],
      );
    }
    const { rows } = await client.query<{ version_id: string }>(
      `INSERT INTO knowledge_synonym_versions
         (kb_id, term, locale, action, actor, at, before_canonical, after_canonical)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING version_id`,
      [
        knowledgeBaseId,
        change.term,
        change.locale,
        change.after === null ? 'delete' : 'put',
        change.actor,
        change.at,
        change.before,
        change.after,
      ],
    );
    records.push({ versionId: Number(rows[0]?.version_id), change: { kind: 'synonyms' } });
  }

  return {
    async list(pool: Pool): Promise<Synonym[]> {
      // "C" compares bytes, as SQLite does: the order must not depend on the server's locale.
      const { rows } = await pool.query(
        `SELECT term, locale, canonical FROM knowledge_synonyms WHERE kb_id = $1
          ORDER BY term COLLATE "C", coalesce(locale, '') COLLATE "C"`,
        [knowledgeBaseId],
      );
      return rows.map((row) => {
        const { term, locale, canonical } = SynonymRowSchema.parse(row);
        return locale === null ? { term, canonical } : { term, canonical, locale };
      });
    },

    /** Returns false, recording nothing, when the synonym is already stored as it is. */
    async put(
      client: PoolClient,
      synonym: Synonym,
      context: { actor: string; at: string; records: KnowledgeChangeRecord[] },
    ): Promise<boolean> {
      const locale = synonym.locale ?? null;
      const current = await select(client, synonym.term, locale);
      if (current?.canonical === synonym.canonical) return false;
      await replace(
        client,
        {
          term: synonym.term,
          locale,
          actor: context.actor,
          at: context.at,
          before: current?.canonical ?? null,
          after: synonym.canonical,
        },
        context.records,
      );
      return true;
    },

    async remove(
      client: PoolClient,
      term: string,
      locale: string | undefined,
      context: { actor: string; at: string; records: KnowledgeChangeRecord[] },
    ): Promise<void> {
      const current = await select(client, term, locale ?? null);
      if (!current) {
        const where = locale === undefined ? 'for every language' : `for locale "${locale}"`;
        throw new LivedeskError(
          'not_found',
          `no synonym "${term}" ${where} in knowledge base "${knowledgeBaseId}"`,
        );
      }
      await replace(
        client,
        {
          term,
          locale: locale ?? null,
          actor: context.actor,
          at: context.at,
          before: current.canonical,
          after: null,
        },
        context.records,
      );
    },

    async versions(pool: Pool, limit: number): Promise<SynonymVersion[]> {
      const { rows } = await pool.query(
        `SELECT version_id::text AS version_id, term, locale, action, actor, at, before_canonical, after_canonical
           FROM knowledge_synonym_versions WHERE kb_id = $1 ORDER BY knowledge_synonym_versions.version_id DESC LIMIT $2`,
        [knowledgeBaseId, limit],
      );
      return rows.map((raw) => {
        const row = SynonymVersionRowSchema.parse(raw);
        return {
          versionId: Number(row.version_id),
          term: row.term,
          locale: row.locale ?? undefined,
          action: row.action === 'delete' ? 'delete' : 'put',
          actor: row.actor,
          at: row.at,
          before: row.before_canonical,
          after: row.after_canonical,
        };
      });
    },
  };
}
