import type { Pool } from 'pg';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import type { PhrasingProposal, PhrasingProposalStore } from '../../server/analytics/phrasing-proposals.js';
import { PhrasingProposalColumnsSchema, phrasingProposalOf } from '../shared/phrasing-proposal-rows.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

// bigint columns come back as text; ids stay far below 2^53.
const BigintSchema = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);

const RowSchema = PhrasingProposalColumnsSchema.extend({
  proposal_id: BigintSchema,
  version_id: BigintSchema.nullable(),
});

const toProposal = (raw: unknown): PhrasingProposal => phrasingProposalOf(RowSchema.parse(raw));

/** Phrasing proposals in the shared database (table `phrasing_proposals`, migration 5). */
export function createPostgresPhrasingProposalStore(options: {
  pool: Pool;
  knowledgeBaseId: string;
}): PhrasingProposalStore {
  const { pool, knowledgeBaseId } = options;
  const watermarkName = `phrasing-proposals:${knowledgeBaseId}`;
  const query = async (text: string, values: unknown[]): Promise<unknown[]> => {
    try {
      return (await pool.query<Record<string, unknown>>(text, values)).rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  const selectOne = async (id: number): Promise<PhrasingProposal | undefined> => {
    const [row] = await query('SELECT * FROM phrasing_proposals WHERE kb_id = $1 AND proposal_id = $2', [
      knowledgeBaseId,
      id,
    ]);
    return row === undefined ? undefined : toProposal(row);
  };
  // Ids outside bigint's range name no proposal; PostgreSQL would refuse them as bad input.
  const isId = (id: number): boolean => Number.isSafeInteger(id);

  return {
    record: (proposals, scannedUpTo) =>
      withTransaction(pool, async (client) => {
        let created = 0;
        for (const proposal of proposals) {
          // A row inserted here has no xmax; one updated has. A decided one is neither, and returns nothing.
          const result = await client.query<{ inserted: boolean }>(
            `INSERT INTO phrasing_proposals AS p (kb_id, entry_id, question, question_key, locale, status, seen,
               first_conversation_id, last_conversation_id, agent_id, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', 1, $6, $6, $7, $8, $8)
             ON CONFLICT (kb_id, entry_id, question_key) DO UPDATE
               SET seen = p.seen + 1, last_conversation_id = excluded.last_conversation_id,
                   updated_at = excluded.updated_at
               WHERE p.status = 'pending'
             RETURNING (xmax = 0) AS inserted`,
            [
              knowledgeBaseId,
              proposal.entryId,
              proposal.question,
              proposal.questionKey,
              proposal.locale ?? null,
              proposal.conversationId,
              proposal.agentId,
              proposal.at,
            ],
          );
          if (result.rows[0]?.inserted === true) created++;
        }
        await client.query(
          `INSERT INTO analytics_watermarks (name, event_id, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO UPDATE SET event_id = excluded.event_id, updated_at = excluded.updated_at`,
          [watermarkName, scannedUpTo.eventId, scannedUpTo.at],
        );
        return created;
      }),

    async list(request) {
      const conditions = ['kb_id = $1'];
      const values: unknown[] = [knowledgeBaseId];
      if (request.status) {
        values.push(request.status);
        conditions.push(`status = $${values.length}`);
      }
      if (request.entryId) {
        values.push(request.entryId);
        conditions.push(`entry_id = $${values.length}`);
      }
      const where = conditions.join(' AND ');
      const [counted] = await query(
        `SELECT count(*)::int AS total FROM phrasing_proposals WHERE ${where}`,
        values,
      );
      const rows = await query(
        `SELECT * FROM phrasing_proposals WHERE ${where}
          ORDER BY seen DESC, proposal_id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, request.limit, request.offset],
      );
      return { proposals: rows.map(toProposal), total: z.object({ total: z.number() }).parse(counted).total };
    },

    get: async (id) => (isId(id) ? selectOne(id) : undefined),

    async decide(id, decision) {
      if (!isId(id)) throw new LivedeskError('not_found', `no phrasing proposal ${id}`);
      const [updated] = await query(
        `UPDATE phrasing_proposals SET status = $1, decided_by = $2, decided_at = $3, updated_at = $3, version_id = $4
          WHERE kb_id = $5 AND proposal_id = $6 AND status = 'pending' RETURNING *`,
        [decision.status, decision.by, decision.at, decision.versionId ?? null, knowledgeBaseId, id],
      );
      if (updated !== undefined) return toProposal(updated);
      const proposal = await selectOne(id);
      if (proposal === undefined) throw new LivedeskError('not_found', `no phrasing proposal ${id}`);
      throw new LivedeskError('conflict', `phrasing proposal ${id} was already ${proposal.status}`);
    },

    async watermark() {
      const [row] = await query('SELECT event_id FROM analytics_watermarks WHERE name = $1', [watermarkName]);
      return row === undefined ? 0 : BigintSchema.parse((row as { event_id: unknown }).event_id);
    },
  };
}
