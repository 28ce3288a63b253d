import type pg from 'pg';
import { z } from 'zod';
import type {
  SignalModelStore,
  SignalModelVersion,
} from '../../engine/signals/learning/signal-model-version.js';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  SIGNAL_MODEL_SUMMARY_COLUMNS,
  signalModelChoiceOf,
  signalModelFiguresOf,
  signalModelVersionOf,
  SignalModelVersionColumnsSchema,
} from '../shared/signal-model-rows.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const VersionRowSchema = SignalModelVersionColumnsSchema.extend({
  sources: z.unknown(),
  figures: z.unknown(),
});

const toVersion = (row: unknown): SignalModelVersion => signalModelVersionOf(VersionRowSchema.parse(row));

/** Signal model versions and the active choice in PostgreSQL. Versions are never deleted. */
export function createPostgresSignalModelStore(options: { pool: pg.Pool }): SignalModelStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[] = []) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };

  return {
    add: (version) =>
      withTransaction(pool, async (client) => {
        // Numbers are one past the highest: two nodes adding at once take turns rather than both taking the
        // same number. Readers are not held up.
        await client.query('LOCK TABLE signal_model_versions IN EXCLUSIVE MODE');
        const result = await client.query<{ version: number }>(
          `INSERT INTO signal_model_versions (version, origin, created_by, created_at, digest, sources, figures, model)
           SELECT coalesce(max(version), 0) + 1, $1, $2, $3, $4, $5::jsonb, $6::json, $7 FROM signal_model_versions
           RETURNING version`,
          [
            version.origin,
            version.createdBy,
            version.createdAt,
            version.digest,
            JSON.stringify(version.sources),
            JSON.stringify(signalModelFiguresOf(version)),
            JSON.stringify(version.model),
          ],
        );
        return result.rows[0]!.version;
      }),

    async list() {
      const result = await query(
        `SELECT ${SIGNAL_MODEL_SUMMARY_COLUMNS} FROM signal_model_versions ORDER BY version DESC`,
      );
      return result.rows.map(toVersion);
    },

    async get(version) {
      const result = await query(
        `SELECT ${SIGNAL_MODEL_SUMMARY_COLUMNS}, model FROM signal_model_versions WHERE version = $1`,
        [version],
      );
      const row: unknown = result.rows[0];
      if (row === undefined) return undefined;
      return { version: toVersion(row), modelText: z.object({ model: z.string() }).parse(row).model };
    },

    async findByDigest(digest) {
      const result = await query(
        'SELECT version FROM signal_model_versions WHERE digest = $1 ORDER BY version DESC LIMIT 1',
        [digest],
      );
      return (result.rows[0] as { version: number } | undefined)?.version;
    },

    async choice() {
      const result = await query(
        'SELECT version, chosen_by, chosen_at FROM signal_model_choice WHERE id = 1',
      );
      return result.rows[0] === undefined ? undefined : signalModelChoiceOf(result.rows[0]);
    },

    // One statement: the version is checked and chosen together (versions are never deleted, so a version
    // seen to exist stays).
    async choose(choice) {
      const result = await query(
        `INSERT INTO signal_model_choice (id, version, chosen_by, chosen_at)
         SELECT 1, $1::integer, $2, $3
          WHERE $1::integer IS NULL OR EXISTS (SELECT 1 FROM signal_model_versions WHERE version = $1::integer)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, chosen_by = excluded.chosen_by,
           chosen_at = excluded.chosen_at`,
        [choice.version, choice.chosenBy, choice.chosenAt],
      );
      if (result.rowCount === 0)
        throw new LivedeskError('not_found', `no signal model version ${choice.version}`);
    },
  };
}
