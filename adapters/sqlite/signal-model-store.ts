import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  ClassifierSummarySchema,
  SignalModelChoiceSchema,
  SignalModelVersionSchema,
  TestSplitFiguresSchema,
  type SignalModelStore,
  summarizeClassifiers,
  type SignalModelVersion,
} from '../../engine/signals/learning/signal-model-version.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapSqliteError } from './map-sqlite-error.js';

const VersionRowSchema = z.object({
  version: z.number().int(),
  origin: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  sources: z.string(),
  figures: z.string(),
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

/** Signal model versions and the active choice in the shared SQLite file. Versions are never deleted. */
export function createSqliteSignalModelStore(options: { database: Database }): SignalModelStore {
  const { database } = options;
  const insert = database.prepare(
    `INSERT INTO signal_model_versions (version, origin, created_by, created_at, digest, sources, figures, model)
     VALUES ((SELECT ifnull(max(version), 0) + 1 FROM signal_model_versions), ?, ?, ?, ?, ?, ?, ?)
     RETURNING version`,
  );
  const selectAll = database.prepare<[], unknown>(
    `SELECT ${SUMMARY_COLUMNS} FROM signal_model_versions ORDER BY version DESC`,
  );
  const selectOne = database.prepare<[number], unknown>(
    `SELECT ${SUMMARY_COLUMNS}, model FROM signal_model_versions WHERE version = ?`,
  );
  const selectByDigest = database.prepare<[string], { version: number }>(
    'SELECT version FROM signal_model_versions WHERE digest = ? ORDER BY version DESC LIMIT 1',
  );
  const selectChoice = database.prepare<[], unknown>(
    'SELECT version, chosen_by, chosen_at FROM signal_model_choice WHERE id = 1',
  );
  const exists = database.prepare<[number], { version: number }>(
    'SELECT version FROM signal_model_versions WHERE version = ?',
  );
  const upsertChoice = database.prepare(
    `INSERT INTO signal_model_choice (id, version, chosen_by, chosen_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, chosen_by = excluded.chosen_by,
       chosen_at = excluded.chosen_at`,
  );
  const choose = database.transaction((version: number | null, by: string, at: string) => {
    if (version !== null && exists.get(version) === undefined)
      throw new LivedeskError('not_found', `no signal model version ${version}`);
    upsertChoice.run(version, by, at);
  });

  return {
    add: (version) =>
      run(() => {
        const row = insert.get(
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
        ) as { version: number };
        return row.version;
      }),
    list: () => run(() => selectAll.all().map(toVersion)),
    get: (version) =>
      run(() => {
        const row = selectOne.get(version);
        if (row === undefined) return undefined;
        return { version: toVersion(row), modelText: z.object({ model: z.string() }).parse(row).model };
      }),
    findByDigest: (digest) => run(() => selectByDigest.get(digest)?.version),
    choice: () =>
      run(() => {
        const row = selectChoice.get();
        if (row === undefined) return undefined;
        const choice = ChoiceRowSchema.parse(row);
        return SignalModelChoiceSchema.parse({
          version: choice.version,
          chosenBy: choice.chosen_by,
          chosenAt: choice.chosen_at,
        });
      }),
    choose: (choice) => run(() => choose.immediate(choice.version, choice.chosenBy, choice.chosenAt)),
  };
}

function toVersion(row: unknown): SignalModelVersion {
  const parsed = VersionRowSchema.parse(row);
  return SignalModelVersionSchema.parse({
    version: parsed.version,
    origin: parsed.origin,
    createdBy: parsed.created_by,
    createdAt: parsed.created_at,
    sources: JSON.parse(parsed.sources) as unknown,
    ...FiguresSchema.parse(JSON.parse(parsed.figures)),
  });
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error instanceof LivedeskError ? error : mapSqliteError(error));
  }
}
