import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import type { ImportResult, KnowledgeStore, StoreChange } from '../../knowledge/ports.js';
import { createChangeListeners } from './change-listeners.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { entryMatchesFilter } from './entry-filter.js';
import { createEntryWriter, describeEntry } from './entry-writer.js';
import { createSynonymWriter } from './synonym-writer.js';
import type { SynonymVersion } from './synonym-writer.js';
import { prepareKnowledgeStatements } from './knowledge-statements.js';
import { mapSqliteError } from './map-sqlite-error.js';
import { parseStoredEntry, parseStoredVersion } from './stored-entry.js';
import { validateActor, validateEntry, validateLimit, validateSynonym } from './store-input.js';

export interface SqliteKnowledgeStoreOptions {
  /** The SQLite file; created with its folder when missing. */
  path: string;
  /** Several knowledge bases (tenants, channels) may share one file; each store sees only its own. */
  knowledgeBaseId?: string | undefined;
  clock?: (() => Date) | undefined;
  /** Where a throwing `onChange` listener's error goes; the write itself has committed and still succeeds. */
  onListenerError?: ((error: unknown) => void) | undefined;
  busyTimeoutMs?: number | undefined;
}

export interface SqliteKnowledgeStore extends KnowledgeStore {
  /** Synonym changes, newest first. */
  synonymVersions(query?: { limit?: number }): Promise<SynonymVersion[]>;
}

const DEFAULT_VERSION_LIMIT = 100;
const MAX_VERSION_LIMIT = 10_000;

function versionLimit(limit: number | undefined): number {
  return Math.min(validateLimit(limit) ?? DEFAULT_VERSION_LIMIT, MAX_VERSION_LIMIT);
}

const KnowledgeBaseIdSchema = z.string().trim().min(1).max(128);

/** The knowledge store on SQLite: every write is one transaction holding the change and its version row. */
export function createSqliteKnowledgeStore(options: SqliteKnowledgeStoreOptions): SqliteKnowledgeStore {
  const parsedId = KnowledgeBaseIdSchema.safeParse(options.knowledgeBaseId ?? 'default');
  if (!parsedId.success) throw new LivedeskError('invalid_input', 'knowledgeBaseId must be 1-128 characters');
  const knowledgeBaseId = parsedId.data;
  const clock = options.clock ?? (() => new Date());
  const database = createSqliteDatabase(options.path, { busyTimeoutMs: options.busyTimeoutMs });
  const statements = prepareKnowledgeStatements(database);
  const listeners = createChangeListeners(
    options.onListenerError ??
      ((error) => console.error('knowledge store change listener failed', { error })),
  );
  const entries = createEntryWriter({ statements, knowledgeBaseId });
  const synonyms = createSynonymWriter({ statements, knowledgeBaseId });
  let closed = false;

  /** Runs one operation in an immediate transaction, maps SQLite errors, and notifies listeners after commit. */
  function write<T>(operation: (at: string, changes: StoreChange[]) => T): Promise<T> {
    return call(() => {
      const changes: StoreChange[] = [];
      const result = database.transaction(() => operation(clock().toISOString(), changes)).immediate();
      listeners.emit(changes);
      return result;
    });
  }

  function call<T>(operation: () => T): Promise<T> {
    if (closed) return Promise.reject(new LivedeskError('unavailable', 'the knowledge store is closed'));
    try {
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(mapSqliteError(error));
    }
  }

  return {
    knowledgeBaseId,

    list(filter = {}) {
      return call(() =>
        statements.selectEntries
          .all(knowledgeBaseId)
          .map((row) => parseStoredEntry(row.body, describeEntry(row.entry_id, knowledgeBaseId)))
          .filter(entryMatchesFilter(filter)),
      );
    },

    get(id) {
      return call(() => entries.read(id) ?? undefined);
    },

    put(input, actor) {
      return write((at, changes) => {
        const entry = validateEntry(input);
        const version = entries.apply({ entryId: entry.id, next: entry, actor: validateActor(actor), at });
        if (version) changes.push({ kind: 'entry', entryId: entry.id, entry });
        return version;
      });
    },

    remove(id, actor) {
      return write((at, changes) => {
        const version = entries.apply({ entryId: id, next: null, actor: validateActor(actor), at });
        if (!version)
          throw new LivedeskError('not_found', `no entry "${id}" in knowledge base "${knowledgeBaseId}"`);
        changes.push({ kind: 'entry', entryId: id, entry: null });
        return version;
      });
    },

    importEntries(inputs, actor) {
      return write((at, changes) => {
        const validActor = validateActor(actor);
        const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
        const seen = new Set<string>();
        // Validated one by one inside the transaction: whatever fails (a bad entry, a repeated id, SQLite
        // itself) rolls back the entries written before it.
        for (const [index, input] of inputs.entries()) {
          const entry = validateEntry(input, `entry ${index + 1} of the import`);
          if (seen.has(entry.id)) {
            throw new LivedeskError(
              'invalid_input',
              `entry ${index + 1} of the import repeats the id "${entry.id}"`,
            );
          }
          seen.add(entry.id);
          const version = entries.apply({ entryId: entry.id, next: entry, actor: validActor, at });
          if (!version) {
            result.unchanged += 1;
            continue;
          }
          if (version.action === 'create') result.created += 1;
          else result.updated += 1;
          changes.push({ kind: 'entry', entryId: entry.id, entry });
        }
        return result;
      });
    },

    versions(query = {}) {
      return call(() => {
        const limit = versionLimit(query.limit);
        const rows =
          query.entryId === undefined
            ? statements.selectEntryVersions.all(knowledgeBaseId, limit)
            : statements.selectEntryVersionsOf.all(knowledgeBaseId, query.entryId, limit);
        return rows.map((row) => parseStoredVersion(row, knowledgeBaseId));
      });
    },

    revert(versionId, actor) {
      return write((at, changes) => {
        const validActor = validateActor(actor);
        const row = Number.isSafeInteger(versionId)
          ? statements.selectEntryVersion.get(knowledgeBaseId, versionId)
          : undefined;
        if (!row)
          throw new LivedeskError(
            'not_found',
            `no version ${versionId} in knowledge base "${knowledgeBaseId}"`,
          );
        const target = parseStoredVersion(row, knowledgeBaseId).before;
        const version = entries.apply({
          entryId: row.entry_id,
          next: target,
          actor: validActor,
          at,
          action: 'revert',
        });
        if (!version) {
          throw new LivedeskError(
            'conflict',
            `entry "${row.entry_id}" is already as it was before version ${versionId}`,
          );
        }
        changes.push({ kind: 'entry', entryId: row.entry_id, entry: target });
        return version;
      });
    },

    listSynonyms() {
      return call(() => synonyms.list());
    },

    putSynonym(input, actor) {
      return write((at, changes) => {
        const synonym = validateSynonym(input);
        if (synonyms.put(synonym, validateActor(actor), at)) changes.push({ kind: 'synonyms' });
      });
    },

    removeSynonym(term, locale, actor) {
      return write((at, changes) => {
        synonyms.remove(term.trim(), locale, validateActor(actor), at);
        changes.push({ kind: 'synonyms' });
      });
    },

    synonymVersions(query = {}) {
      return call(() => synonyms.versions(versionLimit(query.limit)));
    },

    onChange(listener) {
      return listeners.add(listener);
    },

    close() {
      if (!closed) {
        closed = true;
        listeners.clear();
        database.close();
      }
      return Promise.resolve();
    },
  };
}
