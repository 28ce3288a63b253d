import { z } from 'zod';
import { LearnedSignalSchema } from '../learned/signal-model.js';

/** An agent's "should not have been escalated", with why in their words. */
export const DeskLabelMarkSchema = z.object({
  agentId: z.string(),
  note: z.string(),
  at: z.string(),
});
export type DeskLabelMark = z.infer<typeof DeskLabelMarkSchema>;

/**
 * One AI escalation that reached an agent, as a labelled case for the signals: the viewer's words that
 * triggered it (masked as transcripts are) and the learnable signals that fired. Unmarked it teaches that
 * they were right to fire; marked by any agent, that they were wrong to.
 */
export const DeskLabelSchema = z.object({
  conversationId: z.string(),
  /** The turn whose policy decision escalated. */
  turnId: z.string(),
  text: z.string(),
  signals: z.array(LearnedSignalSchema).min(1),
  /** The agent who first accepted it, and when. */
  reachedAgentId: z.string(),
  reachedAt: z.string(),
  marks: z.array(DeskLabelMarkSchema),
});
export type DeskLabel = z.infer<typeof DeskLabelSchema>;
export type NewDeskLabel = Omit<DeskLabel, 'marks'>;

/** What a label teaches each signal that fired: kept (true) or marked as a false alarm (false). */
export function deskLabelTargets(label: Pick<DeskLabel, 'signals' | 'marks'>): Map<string, boolean> {
  const escalatedRightly = label.marks.length === 0;
  return new Map(label.signals.map((signal) => [signal, escalatedRightly]));
}
