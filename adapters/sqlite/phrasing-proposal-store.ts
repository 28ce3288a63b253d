import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import type {
  PhrasingProposal,
  PhrasingProposalStore,
  ProposalInput,
} from '../../server/analytics/phrasing-proposals.js';
import { PhrasingProposalColumnsSchema, phrasingProposalOf } from '../shared/phrasing-proposal-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

const RowSchema = PhrasingProposalColumnsSchema.extend({
  proposal_id: z.number(),
  version_id: z.number().nullable(),
});

const toProposal = (raw: unknown): PhrasingProposal => phrasingProposalOf(RowSchema.parse(raw));

/** Phrasing proposals in the shared SQLite file (table `phrasing_proposals`, migration 5). */
export function createSqlitePhrasingProposalStore(options: {
  database: Database;
  knowledgeBaseId: string;
}): PhrasingProposalStore {
  const { database, knowledgeBaseId } = options;
  const watermarkName = `phrasing-proposals:${knowledgeBaseId}`;
  const insert = database.prepare(
    `INSERT INTO phrasing_proposals (kb_id, entry_id, question, question_key, locale, status, seen,
       first_conversation_id, last_conversation_id, agent_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 1, ?, ?, ?, ?, ?)
     ON CONFLICT (kb_id, entry_id, question_key) DO UPDATE
       SET seen = seen + 1, last_conversation_id = excluded.last_conversation_id, updated_at = excluded.updated_at
       WHERE status = 'pending'`,
  );
  const exists = database.prepare<[string, string, string], { n: number }>(
    'SELECT count(*) AS n FROM phrasing_proposals WHERE kb_id = ? AND entry_id = ? AND question_key = ?',
  );
  const saveWatermark = database.prepare(
    `INSERT INTO analytics_watermarks (name, event_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET event_id = excluded.event_id, updated_at = excluded.updated_at`,
  );
  const readWatermark = database.prepare<[string], { event_id: number }>(
    'SELECT event_id FROM analytics_watermarks WHERE name = ?',
  );
  const selectOne = database.prepare('SELECT * FROM phrasing_proposals WHERE kb_id = ? AND proposal_id = ?');
  const decideRow = database.prepare(
    `UPDATE phrasing_proposals SET status = ?, decided_by = ?, decided_at = ?, updated_at = ?, version_id = ?
      WHERE kb_id = ? AND proposal_id = ? AND status = 'pending'`,
  );
  const recordAll = database.transaction(
    (proposals: readonly ProposalInput[], scannedUpTo: { eventId: number; at: string }): number => {
      let created = 0;
      for (const proposal of proposals) {
        const known = exists.get(knowledgeBaseId, proposal.entryId, proposal.questionKey)!.n > 0;
        insert.run(
          knowledgeBaseId,
          proposal.entryId,
          proposal.question,
          proposal.questionKey,
          proposal.locale ?? null,
          proposal.conversationId,
          proposal.conversationId,
          proposal.agentId,
          proposal.at,
          proposal.at,
        );
        if (!known) created++;
      }
      saveWatermark.run(watermarkName, scannedUpTo.eventId, scannedUpTo.at);
      return created;
    },
  );
  // Async like the PostgreSQL store; errors come back as rejections, mapped.
  const run = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof LivedeskError ? error : mapSqliteError(error));
    }
  };

  return {
    record: (proposals, scannedUpTo) => run(() => recordAll.immediate(proposals, scannedUpTo)),
    list(query) {
      return run(() => {
        const conditions = ['kb_id = ?'];
        const parameters: (string | number)[] = [knowledgeBaseId];
        if (query.status) {
          conditions.push('status = ?');
          parameters.push(query.status);
        }
        if (query.entryId) {
          conditions.push('entry_id = ?');
          parameters.push(query.entryId);
        }
        const where = conditions.join(' AND ');
        const total = database
          .prepare(`SELECT count(*) FROM phrasing_proposals WHERE ${where}`)
          .pluck()
          .get(...parameters) as number;
        const rows = database
          .prepare(
            `SELECT * FROM phrasing_proposals WHERE ${where}
              ORDER BY seen DESC, proposal_id LIMIT ? OFFSET ?`,
          )
          .all(...parameters, query.limit, query.offset);
        return { proposals: rows.map(toProposal), total };
      });
    },
    get(id) {
      return run(() => {
        const row = selectOne.get(knowledgeBaseId, id);
        return row === undefined ? undefined : toProposal(row);
      });
    },
    decide(id, decision) {
      return run(() => {
        const changed = decideRow.run(
          decision.status,
          decision.by,
          decision.at,
          decision.at,
          decision.versionId ?? null,
          knowledgeBaseId,
          id,
        ).changes;
        const row = selectOne.get(knowledgeBaseId, id);
        if (row === undefined) throw new LivedeskError('not_found', `no phrasing proposal ${id}`);
        const proposal = toProposal(row);
        if (changed === 0)
          throw new LivedeskError('conflict', `phrasing proposal ${id} was already ${proposal.status}`);
        return proposal;
      });
    },
    watermark: () => run(() => readWatermark.get(watermarkName)?.event_id ?? 0),
  };
}
