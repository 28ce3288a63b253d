import type { Database } from 'better-sqlite3';
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
import { mapSqliteError } from './map-sqlite-error.js';

const VersionRowSchema = SignalModelVersionColumnsSchema.extend({
  sources: z.string(),
  figures: z.string(),
});

function toVersion(row: unknown): SignalModelVersion {
  const parsed = VersionRowSchema.parse(row);
  return signalModelVersionOf({
    ...parsed,
    sources: JSON.parse(parsed.sources) as unknown,
    figures: JSON.parse(parsed.figures) as unknown,
  });
}

/** Signal model versions and the active choice in the shared SQLite file. Versions are never deleted. */
export function createSqliteSignalModelStore(options: { database: Database }): SignalModelStore {
  const { database } = options;
  const insert = database.prepare(
    `INSERT INTO signal_model_versions (version, origin, created_by, created_at, digest, sources, figures, model)
     VALUES ((SELECT ifnull(max(version), 0) + 1 FROM signal_model_versions), ?, ?, ?, ?, ?, ?, ?)
     RETURNING version`,
  );
  const selectAll = database.prepare<[], unknown>(
    `SELECT ${SIGNAL_MODEL_SUMMARY_COLUMNS} FROM signal_model_versions ORDER BY version DESC`,
  );
  const selectOne = database.prepare<[number], unknown>(
    `SELECT ${SIGNAL_MODEL_SUMMARY_COLUMNS}, model FROM signal_model_versions WHERE version = ?`,
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
          JSON.stringify(signalModelFiguresOf(version)),
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
        return row === undefined ? undefined : signalModelChoiceOf(row);
      }),
    choose: (choice) => run(() => choose.immediate(choice.version, choice.chosenBy, choice.chosenAt)),
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error instanceof LivedeskError ? error : mapSqliteError(error));
  }
}
