import type pg from 'pg';
import { z } from 'zod';
import {
  DeskLabelSchema,
  type DeskLabel,
  type DeskLabelMark,
} from '../../engine/signals/learning/desk-label.js';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import { mapPostgresError } from './map-postgres-error.js';

const LabelRowSchema = z.object({
  conversation_id: z.string(),
  turn_id: z.string(),
  text: z.string(),
  signals: z.unknown(),
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

/** Desk labels and agents' marks in PostgreSQL (tables `signal_desk_labels`, `signal_label_marks`). */
export function createPostgresSignalLabelStore(options: { pool: pg.Pool }): SignalLabelStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[] = []) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };

  return {
    async record(label) {
      const result = await query(
        `INSERT INTO signal_desk_labels (${LABEL_COLUMNS}) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
         ON CONFLICT (conversation_id, turn_id) DO NOTHING`,
        [
          label.conversationId,
          label.turnId,
          label.text,
          JSON.stringify(label.signals),
          label.reachedAgentId,
          label.reachedAt,
        ],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async latestFor(conversationId) {
      const labels = await query(
        `SELECT ${LABEL_COLUMNS} FROM signal_desk_labels WHERE conversation_id = $1
          ORDER BY reached_at DESC, recorded DESC LIMIT 1`,
        [conversationId],
      );
      if (labels.rows[0] === undefined) return undefined;
      const label = LabelRowSchema.parse(labels.rows[0]);
      const marks = await query(
        `SELECT ${MARK_COLUMNS} FROM signal_label_marks WHERE conversation_id = $1 AND turn_id = $2
          ORDER BY at, agent_id`,
        [label.conversation_id, label.turn_id],
      );
      return toLabel(label, marks.rows.map(toMarkRow));
    },

    // The same mark sent twice changes nothing; a new note (or another label) is a new mark, timed anew. A
    // mark on a label that does not exist breaks the foreign key: `conflict`.
    async mark(input) {
      await query(
        `INSERT INTO signal_label_marks (${MARK_COLUMNS}) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (conversation_id, agent_id) DO UPDATE SET
           at = CASE WHEN signal_label_marks.note = excluded.note AND signal_label_marks.turn_id = excluded.turn_id
             THEN signal_label_marks.at ELSE excluded.at END,
           note = excluded.note, turn_id = excluded.turn_id`,
        [input.conversationId, input.turnId, input.agentId, input.note, input.at],
      );
    },

    async unmark(conversationId, agentId) {
      const result = await query(
        'DELETE FROM signal_label_marks WHERE conversation_id = $1 AND agent_id = $2',
        [conversationId, agentId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async list() {
      // One snapshot for both reads, so a label never shows without a mark made with it.
      const [labels, marks] = await query(
        `SELECT json_build_object(
           'labels', (SELECT coalesce(json_agg(l ORDER BY l.reached_at, l.conversation_id, l.turn_id), '[]')
                      FROM (SELECT ${LABEL_COLUMNS} FROM signal_desk_labels) l),
           'marks', (SELECT coalesce(json_agg(m ORDER BY m.at, m.agent_id), '[]')
                     FROM (SELECT ${MARK_COLUMNS} FROM signal_label_marks) m)) AS everything`,
      ).then((result) => {
        const everything = z
          .object({ labels: z.array(LabelRowSchema), marks: z.array(MarkRowSchema) })
          .parse((result.rows[0] as { everything: unknown }).everything);
        return [everything.labels, everything.marks] as const;
      });
      const marksByLabel = new Map<string, MarkRow[]>();
      for (const mark of marks) {
        const key = `${mark.conversation_id}\u0000${mark.turn_id}`;
        marksByLabel.set(key, [...(marksByLabel.get(key) ?? []), mark]);
      }
      return labels.map((label) =>
        toLabel(label, marksByLabel.get(`${label.conversation_id}\u0000${label.turn_id}`) ?? []),
      );
    },
  };
}

const toMarkRow = (row: unknown): MarkRow => MarkRowSchema.parse(row);

function toLabel(row: LabelRow, marks: readonly MarkRow[]): DeskLabel {
  return DeskLabelSchema.parse({
    conversationId: row.conversation_id,
    turnId: row.turn_id,
    text: row.text,
    signals: row.signals,
    reachedAgentId: row.reached_agent_id,
    reachedAt: row.reached_at,
    marks: marks.map((mark): DeskLabelMark => ({ agentId: mark.agent_id, note: mark.note, at: mark.at })),
  });
}
