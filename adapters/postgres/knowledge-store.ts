import type pg from 'pg';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import type { EntryVersion, ImportResult, KnowledgeStore } from '../../knowledge/ports.js';
import { createChangeListeners } from '../sqlite/change-listeners.js';
import { entryMatchesFilter } from '../sqlite/entry-filter.js';
import { describeEntry } from '../sqlite/entry-writer.js';
import type { EntryVersionRow } from '../sqlite/knowledge-statements.js';
import { parseStoredEntry, parseStoredVersion } from '../sqlite/stored-entry.js';
import { validateActor, validateEntry, validateLimit, validateSynonym } from '../sqlite/store-input.js';
import type { SynonymVersion } from '../sqlite/synonym-writer.js';
import { startKnowledgeChangeFeed } from './knowledge-change-feed.js';
import { notifyKnowledgeChanges } from './knowledge-change-notices.js';
import type { KnowledgeChangeRecord } from './knowledge-change-notices.js';
import { applyPostgresEntryChange, readPostgresEntry } from './knowledge-entry-writer.js';
import { createPostgresSynonymWriter } from './knowledge-synonym-writer.js';
import { mapPostgresError } from './map-postgres-error.js';
import type { PostgresListenerStatus } from './postgres-listener.js';
import { withTransaction } from './with-transaction.js';

export interface PostgresKnowledgeStoreOptions {
  /** Shared with other stores; the store never ends it. Its schema must be migrated. */
  pool: pg.Pool;
  /** Several knowledge bases (tenants, channels) may share one database; each store sees only its own. */
  knowledgeBaseId?: string | undefined;
  clock?: (() => Date) | undefined;
  /** Where a throwing `onChange` listener's error goes; the write itself has committed and still succeeds. */
  onListenerError?: ((error: unknown) => void) | undefined;
  /** Trouble hearing other nodes' changes (a lost LISTEN connection, a failed catch-up); it recovers by itself. */
  onFeedError?: ((error: unknown) => void) | undefined;
  /** Settings for the LISTEN connection; default the pool's (same server, user and schema). */
  listenerConnection?: pg.ClientConfig | undefined;
  /** Backoff between LISTEN reconnections: 100 ms doubling to 5 s by default. */
  minReconnectDelayMs?: number | undefined;
  maxReconnectDelayMs?: number | undefined;
  /** How often the LISTEN connection is checked with `SELECT 1`; default 10 s. */
  heartbeatMs?: number | undefined;
}

export interface PostgresKnowledgeStore extends KnowledgeStore {
  /** Synonym changes, newest first. */
  synonymVersions(query?: { limit?: number }): Promise<SynonymVersion[]>;
  /** The connection that hears other nodes' changes: for health checks and tests. */
  changeFeedStatus(): PostgresListenerStatus;
}

const DEFAULT_VERSION_LIMIT = 100;
const MAX_VERSION_LIMIT = 10_000;
/** First key of the advisory lock writers of one knowledge base take turns under; the second is the base's. */
const KNOWLEDGE_WRITE_LOCK = 0x6b6e_6f77;

function versionLimit(limit: number | undefined): number {
  return Math.min(validateLimit(limit) ?? DEFAULT_VERSION_LIMIT, MAX_VERSION_LIMIT);
}

const KnowledgeBaseIdSchema = z.string().trim().min(1).max(128);

// Version ids leave as text (bigint exceeds what pg hands back as a number); queries must therefore sort by the
// table's column, since sorting by this alias would put '10' before '9'.
const VERSION_COLUMNS = `version_id::text AS version_id, entry_id, action, actor, at,
  before_body::text AS before_body, after_body::text AS after_body`;

interface WriteContext {
  client: PoolClient;
  at: string;
  records: KnowledgeChangeRecord[];
}

/**
 * The knowledge store on PostgreSQL, for several nodes sharing one database. Each write is one transaction
 * holding the change, its version row and its notification; writers to one knowledge base take turns, so each
 * change sees the one before it and version ids grow in commit order. `onChange` hears this store's changes
 * right after they commit and every other store's (any node's) through LISTEN/NOTIFY, once each.
 */
export async function createPostgresKnowledgeStore(
  options: PostgresKnowledgeStoreOptions,
): Promise<PostgresKnowledgeStore> {
  const parsedId = KnowledgeBaseIdSchema.safeParse(options.knowledgeBaseId ?? 'default');
  if (!parsedId.success) throw new LivedeskError('invalid_input', 'knowledgeBaseId must be 1-128 characters');
  const knowledgeBaseId = parsedId.data;
  const { pool } = options;
  const clock = options.clock ?? (() => new Date());
  const listeners = createChangeListeners(
    options.onListenerError ??
      ((error) => console.error('knowledge store change listener failed', { error })),
  );
  const synonyms = createPostgresSynonymWriter(knowledgeBaseId);
  let closed = false;

  const schema = await read(async () => {
    const { rows } = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const found = rows[0]?.schema;
    if (!found) throw new LivedeskError('unavailable', 'the PostgreSQL search_path names no existing schema');
    return found;
  });
  const feed = await startKnowledgeChangeFeed({
    pool,
    knowledgeBaseId,
    schema,
    clientConfig: {
      ...(options.listenerConnection ?? pool.options),
      application_name: 'livedesk-knowledge-listener',
    },
    readEntry: (entryId) => readPostgresEntry(pool, knowledgeBaseId, entryId),
    emit: (change) => listeners.emit([change]),
    onError:
      options.onFeedError ??
      ((error) => console.error('knowledge change feed failed; it reconnects', { error })),
    minReconnectDelayMs: options.minReconnectDelayMs,
    maxReconnectDelayMs: options.maxReconnectDelayMs,
    heartbeatMs: options.heartbeatMs,
  }).catch((error: unknown) => {
    throw mapPostgresError(error);
  });

  function ensureOpen(): void {
    if (closed) throw new LivedeskError('unavailable', 'the knowledge store is closed');
  }

  async function read<T>(operation: () => Promise<T>): Promise<T> {
    ensureOpen();
    try {
      return await operation();
    } catch (error) {
      throw mapPostgresError(error);
    }
  }

  /** Runs one operation in a transaction under the knowledge base's write lock; listeners hear it after commit. */
  async function write<T>(operation: (context: WriteContext) => Promise<T>): Promise<T> {
    ensureOpen();
    const records: KnowledgeChangeRecord[] = [];
    let expected: number[] = [];
    let result: T;
    try {
      result = await withTransaction(pool, async (client) => {
        // current_schema() too: deployments in different schemas of one database need not wait for each other.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || $2))', [
          KNOWLEDGE_WRITE_LOCK,
          `/${knowledgeBaseId}`,
        ]);
        const value = await operation({ client, at: clock().toISOString(), records });
        await notifyKnowledgeChanges(client, knowledgeBaseId, records);
        expected = records.map((record) => record.versionId);
        feed.expectOwn(expected);
        return value;
      });
    } catch (error) {
      feed.forgetOwn(expected);
      throw error;
    }
    listeners.emit(records.map((record) => record.change));
    return result;
  }

  const parseVersion = (row: Omit<EntryVersionRow, 'version_id'> & { version_id: string }): EntryVersion =>
    parseStoredVersion({ ...row, version_id: Number(row.version_id) }, knowledgeBaseId);

  return {
    knowledgeBaseId,

    list(filter = {}) {
      return read(async () => {
        const { rows } = await pool.query<{ entry_id: string; body: string }>(
          `SELECT entry_id, body::text AS body FROM knowledge_entries WHERE kb_id = $1
            ORDER BY entry_id COLLATE "C"`,
          [knowledgeBaseId],
        );
        return rows
          .map((row) => parseStoredEntry(row.body, describeEntry(row.entry_id, knowledgeBaseId)))
          .filter(entryMatchesFilter(filter));
      });
    },

    get(id) {
      return read(async () => (await readPostgresEntry(pool, knowledgeBaseId, id)) ?? undefined);
    },

    put(input, actor) {
      return write(({ client, at, records }) => {
        const entry = validateEntry(input);
        return applyPostgresEntryChange(
          client,
          knowledgeBaseId,
          { entryId: entry.id, next: entry, actor: validateActor(actor), at },
          records,
        );
      });
    },

    remove(id, actor) {
      return write(async ({ client, at, records }) => {
        const validActor = validateActor(actor);
        const version = await applyPostgresEntryChange(
          client,
          knowledgeBaseId,
          { entryId: id, next: null, actor: validActor, at },
          records,
        );
        if (!version)
          throw new LivedeskError('not_found', `no entry "${id}" in knowledge base "${knowledgeBaseId}"`);
        return version;
      });
    },

    importEntries(inputs, actor) {
      return write(async ({ client, at, records }) => {
        const validActor = validateActor(actor);
        const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
        const seen = new Set<string>();
        // Validated one by one inside the transaction: whatever fails (a bad entry, a repeated id, the
        // database itself) rolls back the entries written before it.
        for (const [index, input] of inputs.entries()) {
          const entry = validateEntry(input, `entry ${index + 1} of the import`);
          if (seen.has(entry.id)) {
            throw new LivedeskError(
              'invalid_input',
              `entry ${index + 1} of the import repeats the id "${entry.id}"`,
            );
          }
          seen.add(entry.id);
          const version = await applyPostgresEntryChange(
            client,
            knowledgeBaseId,
            { entryId: entry.id, next: entry, actor: validActor, at },
            records,
          );
          if (!version) result.unchanged += 1;
          else if (version.action === 'create') result.created += 1;
          else result.updated += 1;
        }
        return result;
      });
    },

    versions(query = {}) {
      return read(async () => {
        const limit = versionLimit(query.limit);
        const { rows } =
          query.entryId === undefined
            ? await pool.query(
                `SELECT ${VERSION_COLUMNS} FROM knowledge_entry_versions WHERE kb_id = $1
                  ORDER BY knowledge_entry_versions.version_id DESC LIMIT $2`,
                [knowledgeBaseId, limit],
              )
            : await pool.query(
                `SELECT ${VERSION_COLUMNS} FROM knowledge_entry_versions WHERE kb_id = $1 AND entry_id = $2
                  ORDER BY knowledge_entry_versions.version_id DESC LIMIT $3`,
                [knowledgeBaseId, query.entryId, limit],
              );
        return rows.map(parseVersion);
      });
    },

    revert(versionId, actor) {
      return write(async ({ client, at, records }) => {
        const validActor = validateActor(actor);
        const { rows } = Number.isSafeInteger(versionId)
          ? await client.query(
              `SELECT ${VERSION_COLUMNS} FROM knowledge_entry_versions WHERE kb_id = $1 AND version_id = $2`,
              [knowledgeBaseId, versionId],
            )
          : { rows: [] };
        const row = rows[0] as Parameters<typeof parseVersion>[0] | undefined;
        if (!row)
          throw new LivedeskError(
            'not_found',
            `no version ${versionId} in knowledge base "${knowledgeBaseId}"`,
          );
        const target = parseVersion(row).before;
        const version = await applyPostgresEntryChange(
          client,
          knowledgeBaseId,
          { entryId: row.entry_id, next: target, actor: validActor, at, action: 'revert' },
          records,
        );
        if (!version) {
          throw new LivedeskError(
            'conflict',
            `entry "${row.entry_id}" is already as it was before version ${versionId}`,
          );
        }
        return version;
      });
    },

    listSynonyms() {
      return read(() => synonyms.list(pool));
    },

    putSynonym(input, actor) {
      return write(async ({ client, at, records }) => {
        const synonym = validateSynonym(input);
        await synonyms.put(client, synonym, { actor: validateActor(actor), at, records });
      });
    },

    removeSynonym(term, locale, actor) {
      return write(async ({ client, at, records }) => {
        await synonyms.remove(client, term.trim(), locale, { actor: validateActor(actor), at, records });
      });
    },

    synonymVersions(query = {}) {
      return read(() => synonyms.versions(pool, versionLimit(query.limit)));
    },

    changeFeedStatus() {
      return feed.status();
    },

    onChange(listener) {
      return listeners.add(listener);
    },

    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await feed.close();
    },
  };
}
