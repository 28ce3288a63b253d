import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  lostLeases,
  type ConversationLeaseStore,
  type HeldLease,
  type LeaseGrant,
} from '../../server/cluster/conversation-lease-store.js';
import { mapPostgresError } from './map-postgres-error.js';

// bigint comes back as text; tokens stay far below 2^53.
const TokenSchema = z.coerce.number().int().positive();
const AcquireRowSchema = z.object({ node_id: z.string(), token: TokenSchema, granted: z.boolean() });
const HeldRowSchema = z.object({ conversation_id: z.string(), token: TokenSchema });
const OwnerRowSchema = z.object({ node_id: z.string(), token: TokenSchema, expired: z.boolean() });
const ExpiredRowSchema = z.object({ conversation_id: z.string(), node_id: z.string(), token: TokenSchema });

const TTL = `now() + $3::double precision * interval '1 millisecond'`;

/**
 * One statement decides: insert a free lease, or update one that is expired or already this node's. A
 * holder that is still valid keeps its token; anyone else gets a fresh one from the sequence, so tokens
 * only grow. When the update is refused, the second branch names the holder.
 */
const ACQUIRE = `
  WITH granted AS (
    INSERT INTO conversation_leases AS lease (conversation_id, node_id, fencing_token, expires_at)
    VALUES ($1, $2, nextval('conversation_lease_tokens'), ${TTL})
    ON CONFLICT (conversation_id) DO UPDATE SET
      node_id = EXCLUDED.node_id,
      fencing_token = CASE
        WHEN lease.node_id = EXCLUDED.node_id AND lease.expires_at > now() THEN lease.fencing_token
        ELSE EXCLUDED.fencing_token
      END,
      expires_at = EXCLUDED.expires_at
    WHERE lease.expires_at <= now() OR lease.node_id = EXCLUDED.node_id
    RETURNING lease.node_id, lease.fencing_token
  )
  SELECT node_id, fencing_token::text AS token, true AS granted FROM granted
  UNION ALL
  SELECT node_id, fencing_token::text AS token, false AS granted FROM conversation_leases
    WHERE conversation_id = $1 AND NOT EXISTS (SELECT 1 FROM granted)`;

/** A refused update may meet a holder this statement's snapshot cannot see yet; asking again sees it. */
const ACQUIRE_ATTEMPTS = 5;

/**
 * Conversation leases in the shared database, on its clock (`now()`), so nodes whose clocks disagree
 * still agree on expiry.
 */
export function createPostgresLeaseStore(options: { pool: Pool }): ConversationLeaseStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[]) => {
    try {
      return await pool.query<Record<string, unknown>>(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async acquire({ conversationId, nodeId, ttlMs }): Promise<LeaseGrant> {
      for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt += 1) {
        const result = await query(ACQUIRE, [conversationId, nodeId, ttlMs]);
        const row = result.rows[0];
        if (row === undefined) continue;
        const parsed = AcquireRowSchema.parse(row);
        return parsed.granted
          ? { granted: true, token: parsed.token }
          : { granted: false, ownerNodeId: parsed.node_id };
      }
      throw new LivedeskError('unavailable', 'the conversation lease is contended; try again', {
        retryable: true,
      });
    },
    async renewAll({ nodeId, ttlMs, held = [] }) {
      const result = await query(
        `UPDATE conversation_leases SET expires_at = now() + $2::double precision * interval '1 millisecond'
          WHERE node_id = $1 RETURNING conversation_id, fencing_token::text AS token`,
        [nodeId, ttlMs],
      );
      const renewed: HeldLease[] = result.rows.map((row) => {
        const parsed = HeldRowSchema.parse(row);
        return { conversationId: parsed.conversation_id, token: parsed.token };
      });
      return { held: renewed, lost: lostLeases(held, renewed) };
    },
    async release({ conversationId, nodeId, token }) {
      const result = await query(
        'DELETE FROM conversation_leases WHERE conversation_id = $1 AND node_id = $2 AND fencing_token = $3',
        [conversationId, nodeId, token],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async releaseAll(nodeId) {
      const result = await query(
        'UPDATE conversation_leases SET expires_at = now() WHERE node_id = $1 AND expires_at > now()',
        [nodeId],
      );
      return result.rowCount ?? 0;
    },
    async ownerOf(conversationId) {
      const result = await query(
        `SELECT node_id, fencing_token::text AS token, expires_at <= now() AS expired
           FROM conversation_leases WHERE conversation_id = $1`,
        [conversationId],
      );
      const row = result.rows[0];
      if (row === undefined) return undefined;
      const parsed = OwnerRowSchema.parse(row);
      return { nodeId: parsed.node_id, token: parsed.token, expired: parsed.expired };
    },
    async expired(limit) {
      const result = await query(
        `SELECT conversation_id, node_id, fencing_token::text AS token FROM conversation_leases
          WHERE expires_at <= now() ORDER BY expires_at LIMIT $1`,
        [limit],
      );
      return result.rows.map((row) => {
        const parsed = ExpiredRowSchema.parse(row);
        return { conversationId: parsed.conversation_id, nodeId: parsed.node_id, token: parsed.token };
      });
    },
  };
}

/**
 * The fence, for a store that writes a conversation's events: call it inside the write's transaction,
 * before the write. It fails with `conflict` unless `token` is still the lease's, and holds the lease row
 * (FOR SHARE) until the transaction ends, so another node's `acquire` waits for this write to commit and
 * then rebuilds from a log that includes it. An expired lease nobody took over still passes: nobody else
 * has written.
 */
export async function assertConversationLease(
  client: PoolClient,
  lease: { conversationId: string; token: number },
): Promise<void> {
  const result = await client.query(
    'SELECT 1 FROM conversation_leases WHERE conversation_id = $1 AND fencing_token = $2 FOR SHARE',
    [lease.conversationId, lease.token],
  );
  if (result.rowCount === 0)
    throw new LivedeskError('conflict', 'this node no longer owns the conversation', { retryable: false });
}
