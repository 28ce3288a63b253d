import { z } from 'zod';
import {
  DeskLabelSchema,
  type DeskLabel,
  type DeskLabelMark,
} from '../../engine/signals/learning/desk-label.js';

export const DESK_LABEL_COLUMNS = 'conversation_id, turn_id, text, signals, reached_agent_id, reached_at';
export const LABEL_MARK_COLUMNS = 'conversation_id, turn_id, agent_id, note, at';

/** The `signal_desk_labels` columns both stores read back alike; each adds `signals` as it stores JSON. */
export const DeskLabelColumnsSchema = z.object({
  conversation_id: z.string(),
  turn_id: z.string(),
  text: z.string(),
  reached_agent_id: z.string(),
  reached_at: z.string(),
});

/** A validated label row with its signals parsed. */
export interface DeskLabelRow extends z.infer<typeof DeskLabelColumnsSchema> {
  signals: unknown;
}

export const LabelMarkRowSchema = z.object({
  conversation_id: z.string(),
  turn_id: z.string(),
  agent_id: z.string(),
  note: z.string(),
  at: z.string(),
});
export type LabelMarkRow = z.infer<typeof LabelMarkRowSchema>;

export const labelMarkRowOf = (row: unknown): LabelMarkRow => LabelMarkRowSchema.parse(row);

export function deskLabelOf(row: DeskLabelRow, marks: readonly LabelMarkRow[]): DeskLabel {
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

/** Every label with the marks made on it, in the order given for each. */
export function deskLabelsOf(labels: readonly DeskLabelRow[], marks: readonly LabelMarkRow[]): DeskLabel[] {
  const marksByLabel = new Map<string, LabelMarkRow[]>();
  for (const mark of marks) {
    const key = `${mark.conversation_id}\u0000${mark.turn_id}`;
    marksByLabel.set(key, [...(marksByLabel.get(key) ?? []), mark]);
  }
  return labels.map((label) =>
    deskLabelOf(label, marksByLabel.get(`${label.conversation_id}\u0000${label.turn_id}`) ?? []),
  );
}
