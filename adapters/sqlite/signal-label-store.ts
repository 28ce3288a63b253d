import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  DeskLabelSchema,
  type DeskLabel,
  type DeskLabelMark,
} from '../../engine/signals/learning/desk-label.js';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const LabelRowSchema = z.object({
  conversation_id: z.string(),
  turn_id: z.string(),
  text: z.string(),
  signals: z.string(),
  reached_agent_id: z.string(),
  reached_at: z.string(),
});
const MarkRowSchema = z.object({
  conversation_id: z.string(),
  turn_id: z.string(),
  agent_id: z.string(),
  note: z.string(),
  at: z.string(),
});
type LabelRow = z.infer<typeof LabelRowSchema>;
type MarkRow = z.infer<typeof MarkRowSchema>;

const LABEL_COLUMNS = 'conversation_id, turn_id, text, signals, reached_agent_id, reached_at';
const MARK_COLUMNS = 'conversation_id, turn_id, agent_id, note, at';

/** Desk labels and agents' marks in the shared SQLite file. */
export function createSqliteSignalLabelStore(options: { database: Database }): SignalLabelStore {
  const { database } = options;
  const insert = database.prepare(
    `INSERT INTO signal_desk_labels (${LABEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, turn_id) DO NOTHING`,
  );
  const selectAll = database.prepare<[], unknown>(
    `SELECT ${LABEL_COLUMNS} FROM signal_desk_labels ORDER BY reached_at, conversation_id, turn_id`,
  );
  const selectLatest = database.prepare<[string], unknown>(
    `SELECT ${LABEL_COLUMNS} FROM signal_desk_labels WHERE conversation_id = ?
      ORDER BY reached_at DESC, rowid DESC LIMIT 1`,
  );
  const selectAllMarks = database.prepare<[], unknown>(
    `SELECT ${MARK_COLUMNS} FROM signal_label_marks ORDER BY at, agent_id`,
  );
  const selectMarks = database.prepare<[string, string], unknown>(
    `SELECT ${MARK_COLUMNS} FROM signal_label_marks WHERE conversation_id = ? AND turn_id = ? ORDER BY at, agent_id`,
  );
  // The same mark sent twice changes nothing; a new note (or another label) is a new mark, timed anew.
  const upsertMark = database.prepare(
    `INSERT INTO signal_label_marks (${MARK_COLUMNS}) VALUES (?, ?, ?, ?, ?)
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
        const label = LabelRowSchema.parse(row);
        return toLabel(label, selectMarks.all(label.conversation_id, label.turn_id).map(toMarkRow));
      }),
    mark: (input) =>
      run(() => {
        upsertMark.run(input.conversationId, input.turnId, input.agentId, input.note, input.at);
      }),
    unmark: (conversationId, agentId) => run(() => deleteMark.run(conversationId, agentId).changes > 0),
    list: () =>
      run(() => {
        const marks = new Map<string, MarkRow[]>();
        for (const mark of selectAllMarks.all().map(toMarkRow)) {
          const key = `${mark.conversation_id}\u0000${mark.turn_id}`;
          marks.set(key, [...(marks.get(key) ?? []), mark]);
        }
        return selectAll.all().map((row) => {
          const label = LabelRowSchema.parse(row);
          return toLabel(label, marks.get(`${label.conversation_id}\u0000${label.turn_id}`) ?? []);
        });
      }),
  };
}

const toMarkRow = (row: unknown): MarkRow => MarkRowSchema.parse(row);

function toLabel(row: LabelRow, marks: readonly MarkRow[]): DeskLabel {
  return DeskLabelSchema.parse({
    conversationId: row.conversation_id,
    turnId: row.turn_id,
    text: row.text,
    signals: JSON.parse(row.signals) as unknown,
    reachedAgentId: row.reached_agent_id,
    reachedAt: row.reached_at,
    marks: marks.map((mark): DeskLabelMark => ({ agentId: mark.agent_id, note: mark.note, at: mark.at })),
  });
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
