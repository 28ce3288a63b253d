import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import {
  DESK_LABEL_COLUMNS,
  DeskLabelColumnsSchema,
  deskLabelOf,
  deskLabelsOf,
  LABEL_MARK_COLUMNS,
  labelMarkRowOf,
  type DeskLabelRow,
} from '../shared/desk-label-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

const LabelRowSchema = DeskLabelColumnsSchema.extend({
  signals: z.string().transform((text) => JSON.parse(text) as unknown),
});
const toLabelRow = (row: unknown): DeskLabelRow => LabelRowSchema.parse(row);

/** Desk labels and agents' marks in the shared SQLite file. */
export function createSqliteSignalLabelStore(options: { database: Database }): SignalLabelStore {
  const { database } = options;
  const insert = database.prepare(
    `INSERT INTO signal_desk_labels (${DESK_LABEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, turn_id) DO NOTHING`,
  );
  const selectAll = database.prepare<[], unknown>(
    `SELECT ${DESK_LABEL_COLUMNS} FROM signal_desk_labels ORDER BY reached_at, conversation_id, turn_id`,
  );
  const selectLatest = database.prepare<[string], unknown>(
    `SELECT ${DESK_LABEL_COLUMNS} FROM signal_desk_labels WHERE conversation_id = ?
      ORDER BY reached_at DESC, rowid DESC LIMIT 1`,
  );
  const selectAllMarks = database.prepare<[], unknown>(
    `SELECT ${LABEL_MARK_COLUMNS} FROM signal_label_marks ORDER BY at, agent_id`,
  );
  const selectMarks = database.prepare<[string, string], unknown>(
    `SELECT ${LABEL_MARK_COLUMNS} FROM signal_label_marks WHERE conversation_id = ? AND turn_id = ? ORDER BY at, agent_id`,
  );
  // The same mark sent twice changes nothing; a new note (or another label) is a new mark, timed anew.
  const upsertMark = database.prepare(
    `INSERT INTO signal_label_marks (${LABEL_MARK_COLUMNS}) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, agent_id) DO UPDATE SET
       at = CASE WHEN note = excluded.note AND turn_id = excluded.turn_id THEN at ELSE excluded.at END,
       note = excluded.note, turn_id = excluded.turn_id`,
  );
  const deleteMark = database.prepare(
    'DELETE FROM signal_label_marks WHERE conversation_id = ? AND agent_id = ?',
  );

  return {
    record: (label) =>
      run(
        () =>
          insert.run(
            label.conversationId,
            label.turnId,
            label.text,
            JSON.stringify(label.signals),
            label.reachedAgentId,
            label.reachedAt,
          ).changes > 0,
      ),
    latestFor: (conversationId) =>
      run(() => {
        const row = selectLatest.get(conversationId);
        if (row === undefined) return undefined;
        const label = toLabelRow(row);
        return deskLabelOf(label, selectMarks.all(label.conversation_id, label.turn_id).map(labelMarkRowOf));
      }),
    mark: (input) =>
      run(() => {
        upsertMark.run(input.conversationId, input.turnId, input.agentId, input.note, input.at);
      }),
    unmark: (conversationId, agentId) => run(() => deleteMark.run(conversationId, agentId).changes > 0),
    list: () =>
      run(() => {
        const marks = selectAllMarks.all().map(labelMarkRowOf);
        return deskLabelsOf(selectAll.all().map(toLabelRow), marks);
      }),
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
