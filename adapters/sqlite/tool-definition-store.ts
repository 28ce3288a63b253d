import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ToolDefinitionSchema } from '../../server/tools/tool-definition.js';
import type { StoredToolDefinition, ToolDefinitionStore } from '../../server/tools/tool-definition-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const RowSchema = z.object({ body: z.string(), updated_at: z.string(), updated_by: z.string() });

/** Admin-declared commerce tools in the shared SQLite file. */
export function createSqliteToolDefinitionStore(options: { database: Database }): ToolDefinitionStore {
  const { database } = options;
  const selectAll = database.prepare<[], unknown>(
    'SELECT body, updated_at, updated_by FROM tool_definitions ORDER BY name',
  );
  const exists = database.prepare<[string], { found: number }>(
    'SELECT 1 AS found FROM tool_definitions WHERE name = ?',
  );
  const upsert = database.prepare(
    `INSERT INTO tool_definitions (name, body, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  );
  const remove = database.prepare<[string]>('DELETE FROM tool_definitions WHERE name = ?');
  const put = database.transaction((stored: StoredToolDefinition): { created: boolean } => {
    const definition = ToolDefinitionSchema.parse(stored.definition);
    const created = exists.get(definition.name) === undefined;
    upsert.run(definition.name, JSON.stringify(definition), stored.updatedAt, stored.updatedBy);
    return { created };
  });
  return {
    list: () => run(() => selectAll.all().map(parse)),
    put: (stored) => run(() => put.immediate(stored)),
    remove: (name) => run(() => remove.run(name).changes > 0),
  };
}

/** A row that does not parse is a corrupted file: an error, never a wrong tool. */
function parse(row: unknown): StoredToolDefinition {
  const parsed = RowSchema.parse(row);
  return {
    definition: ToolDefinitionSchema.parse(JSON.parse(parsed.body)),
    updatedAt: parsed.updated_at,
    updatedBy: parsed.updated_by,
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
