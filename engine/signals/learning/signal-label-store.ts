import type { DeskLabel, NewDeskLabel } from './desk-label.js';

/** Desk labels and agents' marks, kept for retraining (adapters/sqlite/signal-label-store.ts). */
export interface SignalLabelStore {
  /** Keeps a label once per conversation and turn; resolves false when it was kept already. */
  record(label: NewDeskLabel): Promise<boolean>;
  /** The conversation's newest label (by when it reached an agent), with its marks. */
  latestFor(conversationId: string): Promise<DeskLabel | undefined>;
  /** Sets (or rewrites) this agent's mark on the conversation: one per conversation and agent. */
  mark(input: {
    conversationId: string;
    turnId: string;
    agentId: string;
    note: string;
    at: string;
  }): Promise<void>;
  /** Removes this agent's mark; resolves false when they had none. */
  unmark(conversationId: string, agentId: string): Promise<boolean>;
  /** Every label, oldest first. */
  list(): Promise<DeskLabel[]>;
}
