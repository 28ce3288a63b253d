import type { Pool } from 'pg';
import { z } from 'zod';
import { ToolDefinitionSchema } from '../../server/tools/tool-definition.js';
import type { StoredToolDefinition, ToolDefinitionStore } from '../../server/tools/tool-definition-store.js';
import { mapPostgresError } from './map-postgres-error.js';

const RowSchema = z.object({ body: z.unknown(), updated_at: z.date(), updated_by: z.string() });

/** Admin-declared commerce tools in the shared PostgreSQL database. */
export function createPostgresToolDefinitionStore(options: { pool: Pool }): ToolDefinitionStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[] = []) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async list() {
      const result = await query('SELECT body, updated_at, updated_by FROM tool_definitions ORDER BY name');
      return result.rows.map((row): StoredToolDefinition => {
        const parsed = RowSchema.parse(row);
        return {
          definition: ToolDefinitionSchema.parse(parsed.body),
          updatedAt: parsed.updated_at.toISOString(),
          updatedBy: parsed.updated_by,
        };
      });
    },
    async put(stored) {
      const definition = ToolDefinitionSchema.parse(stored.definition);
      // xmax = 0 only on a freshly inserted row: created or replaced in one statement.
      const result = await query(
        `INSERT INTO tool_definitions (name, body, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by
         RETURNING (xmax = 0) AS created`,
        [definition.name, JSON.stringify(definition), stored.updatedAt, stored.updatedBy],
      );
      return { created: z.object({ created: z.boolean() }).parse(result.rows[0]).created };
    },
    async remove(name) {
      const result = await query('DELETE FROM tool_definitions WHERE name = $1', [name]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
