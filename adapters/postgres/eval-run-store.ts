import type { Pool } from 'pg';
import { LivedeskError } from '../../knowledge/errors.js';
import type { EvalRunFiles } from '../../server/eval-runs/eval-run-files.js';
import {
  EvalRunIdSchema,
  EvalRunRecordSchema,
  type EvalRunRecord,
} from '../../server/eval-runs/eval-run-record.js';
import { mapPostgresError } from './map-postgres-error.js';

export interface PostgresEvalRunStoreOptions {
  pool: Pool;
  /** A stored record that does not read as a run is reported here (by run id) and skipped. */
  onInvalidRecord?: ((runId: string, error: unknown) => void) | undefined;
}

/**
 * Eval runs in the shared database (table `eval_runs`, migration 5), so every node lists the same runs and
 * serves their reports: the record as jsonb, the HTML report as text. Same behaviour as the files.
 */
export function createPostgresEvalRunStore(options: PostgresEvalRunStoreOptions): EvalRunFiles {
  const { pool } = options;
  const onInvalidRecord =
    options.onInvalidRecord ??
    ((runId: string, error: unknown) => console.error('eval run record skipped', { runId, error }));
  const query = async (text: string, values: unknown[]): Promise<unknown[]> => {
    try {
      return (await pool.query<Record<string, unknown>>(text, values)).rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async loadAll() {
      const rows = (await query('SELECT run_id, record FROM eval_runs WHERE record IS NOT NULL', [])) as {
        run_id: string;
        record: unknown;
      }[];
      const records: EvalRunRecord[] = [];
      for (const row of rows) {
        try {
          const record = EvalRunRecordSchema.parse(row.record);
          if (record.id !== row.run_id) throw new LivedeskError('internal', 'the id does not match the row');
          records.push(record);
        } catch (error) {
          onInvalidRecord(row.run_id, error);
        }
      }
      return records;
    },
    async save(record) {
      const id = EvalRunIdSchema.parse(record.id);
      await query(
        `INSERT INTO eval_runs (run_id, record) VALUES ($1, $2)
         ON CONFLICT (run_id) DO UPDATE SET record = excluded.record`,
        [id, JSON.stringify(record)],
      );
    },
    async saveHtml(id, html) {
      await query(
        `INSERT INTO eval_runs (run_id, html) VALUES ($1, $2)
         ON CONFLICT (run_id) DO UPDATE SET html = excluded.html`,
        [EvalRunIdSchema.parse(id), html],
      );
    },
    async readHtml(id) {
      const [row] = (await query('SELECT html FROM eval_runs WHERE run_id = $1', [
        EvalRunIdSchema.parse(id),
      ])) as {
        html: string | null;
      }[];
      return row?.html ?? undefined;
    },
    async remove(id) {
      await query('DELETE FROM eval_runs WHERE run_id = $1', [EvalRunIdSchema.parse(id)]);
    },
  };
}
