import type { Pool, PoolClient } from 'pg';
import type { Entry } from '../../knowledge/entry.js';
import { stringifyEntry } from '../../knowledge/io/index.js';
import type { EntryVersion } from '../../knowledge/ports.js';
import { describeEntry } from '../sqlite/entry-writer.js';
import type { EntryChange } from '../sqlite/entry-writer.js';
import { parseStoredEntry } from '../sqlite/stored-entry.js';
import type { KnowledgeChangeRecord } from './knowledge-change-notices.js';

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Reads one entry as committed (through the pool) or as the transaction sees it (through its client). */
export async function readPostgresEntry(
  queryable: Queryable,
  knowledgeBaseId: string,
  entryId: string,
): Promise<Entry | null> {
  const { rows } = await queryable.query<{ body: string }>(
    'SELECT body::text AS body FROM knowledge_entries WHERE kb_id = $1 AND entry_id = $2',
    [knowledgeBaseId, entryId],
  );
  const row = rows[0];
  return row ? parseStoredEntry(row.body, describeEntry(entryId, knowledgeBaseId)) : null;
}

/**
 * Writes one entry with its version row inside the caller's transaction, which holds the knowledge base's
 * write lock. Records nothing and returns undefined when the entry already is `next`.
 */
export async function applyPostgresEntryChange(
  client: PoolClient,
  knowledgeBaseId: string,
  change: EntryChange,
  records: KnowledgeChangeRecord[],
): Promise<EntryVersion | undefined> {
  const current = await readPostgresEntry(client, knowledgeBaseId, change.entryId);
  const before = current && stringifyEntry(current);
  const after = change.next && stringifyEntry(change.next);
  if (before === after) return undefined;
  if (after === null) {
    await client.query('DELETE FROM knowledge_entries WHERE kb_id = $1 AND entry_id = $2', [
      knowledgeBaseId,
      change.entryId,
    ]);
  } else {
    await client.query(
      `INSERT INTO knowledge_entries (kb_id, entry_id, body, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (kb_id, entry_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      [knowledgeBaseId, change.entryId, after, change.at],
    );
  }
  const action = change.action ?? (current === null ? 'create' : change.next === null ? 'delete' : 'update');
  const { rows } = await client.query<{ version_id: string }>(
    `INSERT INTO knowledge_entry_versions (kb_id, entry_id, action, actor, at, before_body, after_body)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb) RETURNING version_id`,
    [knowledgeBaseId, change.entryId, action, change.actor, change.at, before, after],
  );
  const versionId = Number(rows[0]?.version_id);
  records.push({ versionId, change: { kind: 'entry', entryId: change.entryId, entry: change.next } });
  return {
    versionId,
    entryId: change.entryId,
    action,
    actor: change.actor,
    at: change.at,
    before: current,
    after: change.next,
  };
}
