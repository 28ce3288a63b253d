import type pg from 'pg';
import { z } from 'zod';
import {
  ClassifierSummarySchema,
  SignalModelChoiceSchema,
  SignalModelVersionSchema,
  TestSplitFiguresSchema,
  summarizeClassifiers,
  type SignalModelStore,
  type SignalModelVersion,
} from '../../engine/signals/learning/signal-model-version.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const VersionRowSchema = z.object({
  version: z.number().int(),
  origin: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  sources: z.unknown(),
  figures: z.unknown(),
});
const ChoiceRowSchema = z.object({
  version: z.number().int().nullable(),
  chosen_by: z.string(),
  chosen_at: z.string(),
});
/** What is listed without reading the weights: the classifiers' summaries and the test-split figures. */
const FiguresSchema = z.object({
  modelCreatedAt: z.string(),
  classifiers: z.record(z.string(), ClassifierSummarySchema),
  testSplit: TestSplitFiguresSchema.nullable(),
});

const SUMMARY_COLUMNS = 'version, origin, created_by, created_at, sources, figures';

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
            JSON.stringify({
              modelCreatedAt: version.model.createdAt,
              classifiers: summarizeClassifiers(version.model),
              testSplit: version.testSplit,
            }),
            JSON.stringify(version.model),
          ],
        );
        return result.rows[0]!.version;
      }),

    async list() {
      const result = await query(
        `SELECT ${SUMMARY_COLUMNS} FROM signal_model_versions ORDER BY version DESC`,
      );
      return result.rows.map(toVersion);
    },

    async get(version) {
      const result = await query(
        `SELECT ${SUMMARY_COLUMNS}, model FROM signal_model_versions WHERE version = $1`,
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
      if (result.rows[0] === undefined) return undefined;
      const choice = ChoiceRowSchema.parse(result.rows[0]);
      return SignalModelChoiceSchema.parse({
        version: choice.version,
        chosenBy: choice.chosen_by,
        chosenAt: choice.chosen_at,
      });
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

function toVersion(row: unknown): SignalModelVersion {
  const parsed = VersionRowSchema.parse(row);
  return SignalModelVersionSchema.parse({
    version: parsed.version,
    origin: parsed.origin,
    createdBy: parsed.created_by,
    createdAt: parsed.created_at,
    sources: parsed.sources,
    ...FiguresSchema.parse(parsed.figures),
  });
}
