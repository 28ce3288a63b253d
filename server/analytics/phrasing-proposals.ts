import { z } from 'zod';

export const ProposalStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

/** A viewer's wording proposed as a new phrasing of a knowledge entry (the learning loop). */
export const PhrasingProposalSchema = z.object({
  id: z.number().int(),
  entryId: z.string(),
  question: z.string(),
  locale: z.string().nullable(),
  status: ProposalStatusSchema,
  /** How many times agents answered this wording with this entry. */
  seen: z.number().int(),
  firstConversationId: z.string(),
  lastConversationId: z.string(),
  agentId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The entry version the approval created; null when the entry already had the wording. */
  versionId: z.number().int().nullable(),
});
export type PhrasingProposal = z.infer<typeof PhrasingProposalSchema>;

export interface ProposalInput {
  entryId: string;
  question: string;
  questionKey: string;
  locale?: string | undefined;
  conversationId: string;
  agentId: string;
  at: string;
}

export interface ProposalDecision {
  status: 'approved' | 'rejected';
  by: string;
  at: string;
  versionId?: number | undefined;
}

export interface ProposalQuery {
  status?: ProposalStatus | undefined;
  entryId?: string | undefined;
  limit: number;
  offset: number;
}

/** Proposals of one knowledge base, and the watermark of the scan that finds them (SQLite or PostgreSQL). */
export interface PhrasingProposalStore {
  /**
   * Records proposals found by one scan, and the event id the scan read up to, in one transaction. A
   * wording already proposed for the entry is counted again (`seen`) while pending, and never proposed
   * again once decided. Returns how many new proposals were made.
   */
  record(proposals: readonly ProposalInput[], scannedUpTo: { eventId: number; at: string }): Promise<number>;
  list(query: ProposalQuery): Promise<{ proposals: PhrasingProposal[]; total: number }>;
  get(id: number): Promise<PhrasingProposal | undefined>;
  /** Decides a pending proposal: `not_found`, or `conflict` when it was decided already. */
  decide(id: number, decision: ProposalDecision): Promise<PhrasingProposal>;
  /** The last event id the scan has read (0 before the first scan). */
  watermark(): Promise<number>;
}
