import type { PoolClient } from 'pg';
import { z } from 'zod';
import type { StoreChange } from '../../knowledge/ports.js';

/** The channel every Livedesk node LISTENs on for knowledge changes, whatever its schema and knowledge base. */
export const KNOWLEDGE_CHANNEL = 'livedesk_knowledge';

/** A change a transaction made, with the version row that recorded it. */
export interface KnowledgeChangeRecord {
  versionId: number;
  change: StoreChange;
}

/**
 * What travels in a notification: where the change happened and which version recorded it, never the entry
 * (NOTIFY payloads stop at 8000 bytes); a listener reads the entry itself. `schema` keeps deployments (and
 * tests) that share one database but not one schema from hearing each other.
 */
export const KnowledgeChangeNoticeSchema = z.object({
  schema: z.string(),
  kbId: z.string(),
  kind: z.enum(['entry', 'synonyms']),
  entryId: z.string().nullable(),
  versionId: z.number().int().positive(),
});
export type KnowledgeChangeNotice = z.infer<typeof KnowledgeChangeNoticeSchema>;

/** Queues one notification per change in the writing transaction: PostgreSQL delivers them only if it commits. */
export async function notifyKnowledgeChanges(
  client: PoolClient,
  knowledgeBaseId: string,
  records: readonly KnowledgeChangeRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await client.query(
    `SELECT pg_notify($1, json_build_object(
       'schema', current_schema(), 'kbId', $2::text, 'kind', change.kind,
       'entryId', change.entry_id, 'versionId', change.version_id)::text)
       FROM unnest($3::text[], $4::text[], $5::bigint[]) AS change (kind, entry_id, version_id)`,
    [
      KNOWLEDGE_CHANNEL,
      knowledgeBaseId,
      records.map((record) => record.change.kind),
      records.map((record) => (record.change.kind === 'entry' ? record.change.entryId : null)),
      records.map((record) => record.versionId),
    ],
  );
}
