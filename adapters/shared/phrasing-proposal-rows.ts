import { z } from 'zod';
import { ProposalStatusSchema, type PhrasingProposal } from '../../server/analytics/phrasing-proposals.js';

/** The `phrasing_proposals` columns both stores read back alike; each adds its ids as it reads them. */
export const PhrasingProposalColumnsSchema = z.object({
  entry_id: z.string(),
  question: z.string(),
  locale: z.string().nullable(),
  status: ProposalStatusSchema,
  seen: z.number(),
  first_conversation_id: z.string(),
  last_conversation_id: z.string(),
  agent_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
});

/** A validated row with its ids as numbers. */
export interface PhrasingProposalRow extends z.infer<typeof PhrasingProposalColumnsSchema> {
  proposal_id: number;
  version_id: number | null;
}

export function phrasingProposalOf(row: PhrasingProposalRow): PhrasingProposal {
  return {
    id: row.proposal_id,
    entryId: row.entry_id,
    question: row.question,
    locale: row.locale,
    status: row.status,
    seen: row.seen,
    firstConversationId: row.first_conversation_id,
    lastConversationId: row.last_conversation_id,
    agentId: row.agent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    versionId: row.version_id,
  };
}
