import type pg from 'pg';
import { z } from 'zod';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import {
  DESK_LABEL_COLUMNS,
  DeskLabelColumnsSchema,
  deskLabelOf,
  deskLabelsOf,
  LABEL_MARK_COLUMNS,
  labelMarkRowOf,
  LabelMarkRowSchema,
} from '../shared/desk-label-rows.js';
import { mapPostgresError } from './map-postgres-error.js';

const LabelRowSchema = DeskLabelColumnsSchema.extend({ signals: z.unknown() });

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
        `INSERT INTO signal_desk_labels (${DESK_LABEL_COLUMNS}) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
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
        `SELECT ${DESK_LABEL_COLUMNS} FROM signal_desk_labels WHERE conversation_id = $1
          ORDER BY reached_at DESC, recorded DESC LIMIT 1`,
        [conversationId],
      );
      if (labels.rows[0] === undefined) return undefined;
      const label = LabelRowSchema.parse(labels.rows[0]);
      const marks = await query(
        `SELECT ${LABEL_MARK_COLUMNS} FROM signal_label_marks WHERE conversation_id = $1 AND turn_id = $2
          ORDER BY at, agent_id`,
        [label.conversation_id, label.turn_id],
      );
      return deskLabelOf(label, marks.rows.map(labelMarkRowOf));
    },

    // The same mark sent twice changes nothing; a new note (or another label) is a new mark, timed anew. A
    // mark on a label that does not exist breaks the foreign key: `conflict`.
    async mark(input) {
      await query(
        `INSERT INTO signal_label_marks (${LABEL_MARK_COLUMNS}) VALUES ($1, $2, $3, $4, $5)
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
                      FROM (SELECT ${DESK_LABEL_COLUMNS} FROM signal_desk_labels) l),
           'marks', (SELECT coalesce(json_agg(m ORDER BY m.at, m.agent_id), '[]')
                     FROM (SELECT ${LABEL_MARK_COLUMNS} FROM signal_label_marks) m)) AS everything`,
      ).then((result) => {
        const everything = z
          .object({ labels: z.array(LabelRowSchema), marks: z.array(LabelMarkRowSchema) })
          .parse((result.rows[0] as { everything: unknown }).everything);
        return [everything.labels, everything.marks] as const;
      });
      return deskLabelsOf(labels, marks);
    },
  };
}
