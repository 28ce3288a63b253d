import type pg from 'pg';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { TermGroupSchema, type TermGroup } from '../../knowledge/domain-packs/domain-pack.js';
import type {
  PackOverride,
  PackOverrideStore,
  PackOverrideVersion,
} from '../../knowledge/domain-packs/pack-overrides.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const OverrideRowSchema = z.object({ pack_id: z.string(), body: z.unknown() });
const VersionRowSchema = z.object({
  version_id: z.string(),
  pack_id: z.string(),
  group_id: z.string(),
  action: z.enum(['put', 'reset', 'revert']),
  actor: z.string(),
  at: z.string(),
  before_body: z.unknown(),
  after_body: z.unknown(),
});

/** First key of the advisory lock that writers of one knowledge base's overrides take turns under. */
const OVERRIDE_WRITE_LOCK = 0x6470_6f76;

// Version ids leave as text (pg hands bigint back as a string); sorting must name the table's column.
const VERSION_COLUMNS = `version_id::text AS version_id, pack_id, group_id, action, actor, at, before_body, after_body`;

const groupOf = (body: unknown): TermGroup | null => (body === null ? null : TermGroupSchema.parse(body));

function versionOf(row: unknown): PackOverrideVersion {
  const parsed = VersionRowSchema.parse(row);
  return {
    versionId: Number(parsed.version_id),
    packId: parsed.pack_id,
    groupId: parsed.group_id,
    action: parsed.action,
    actor: parsed.actor,
    at: parsed.at,
    before: groupOf(parsed.before_body),
    after: groupOf(parsed.after_body),
  };
}

/** Operators' edits of the shipped domain packs on PostgreSQL, per knowledge base, each change kept as a version. */
export function createPostgresPackOverrideStore(options: {
  /** Shared; the store never ends it. */
  pool: pg.Pool;
  knowledgeBaseId?: string;
  clock?: () => Date;
}): PackOverrideStore {
  const { pool } = options;
  const kb = options.knowledgeBaseId ?? 'default';
  const clock = options.clock ?? (() => new Date());

  async function read<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw mapPostgresError(error);
    }
  }

  /**
   * Sets (or with null clears) one override and records the change; nothing recorded when nothing changed.
   * Writers take turns, so a version's `before` is always the previous version's `after`.
   */
  async function change(
    client: PoolClient,
    target: { packId: string; groupId: string; after: TermGroup | null },
    action: PackOverrideVersion['action'],
    actor: string,
  ): Promise<PackOverrideVersion | undefined> {
    const { packId, groupId } = target;
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || $2))', [
      OVERRIDE_WRITE_LOCK,
      `/${kb}`,
    ]);
    const { rows } = await client.query<{ body: unknown }>(
      'SELECT body FROM domain_pack_overrides WHERE kb_id = $1 AND pack_id = $2 AND group_id = $3',
      [kb, packId, groupId],
    );
    // Compared as parsed groups: jsonb keeps keys in its own order, not in the order they were written.
    const current = rows[0] ? groupOf(rows[0].body) : null;
    const beforeBody = current === null ? null : JSON.stringify(current);
    const afterBody = target.after === null ? null : JSON.stringify(target.after);
    if (beforeBody === afterBody) return undefined;
    const at = clock().toISOString();
    if (afterBody === null) {
      await client.query(
        'DELETE FROM domain_pack_overrides WHERE kb_id = $1 AND pack_id = $2 AND group_id = $3',
        [kb, packId, groupId],
      );
    } else {
      await client.query(
        `INSERT INTO domain_pack_overrides (kb_id, pack_id, group_id, body, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (kb_id, pack_id, group_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
        [kb, packId, groupId, afterBody, at],
      );
    }
    const inserted = await client.query(
      `INSERT INTO domain_pack_override_versions (kb_id, pack_id, group_id, action, actor, at, before_body, after_body)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING ${VERSION_COLUMNS}`,
      [kb, packId, groupId, action, actor, at, beforeBody, afterBody],
    );
    return versionOf(inserted.rows[0]);
  }

  return {
    list: () =>
      read(async () => {
        const { rows } = await pool.query(
          `SELECT pack_id, body FROM domain_pack_overrides WHERE kb_id = $1
            ORDER BY pack_id COLLATE "C", group_id COLLATE "C"`,
          [kb],
        );
        return rows.map((row): PackOverride => {
          const parsed = OverrideRowSchema.parse(row);
          return { packId: parsed.pack_id, group: TermGroupSchema.parse(parsed.body) };
        });
      }),
    put: async (override, actor) => {
      const group = TermGroupSchema.parse(override.group);
      return withTransaction(pool, (client) =>
        change(client, { packId: override.packId, groupId: group.id, after: group }, 'put', actor),
      );
    },
    reset: (packId, groupId, actor) =>
      withTransaction(pool, (client) => change(client, { packId, groupId, after: null }, 'reset', actor)),
    versions: (filter = {}) =>
      read(async () => {
        const { rows } = await pool.query(
          `SELECT ${VERSION_COLUMNS} FROM domain_pack_override_versions
            WHERE kb_id = $1 AND ($2::text IS NULL OR pack_id = $2) AND ($3::text IS NULL OR group_id = $3)
            ORDER BY domain_pack_override_versions.version_id DESC LIMIT $4`,
          [kb, filter.packId ?? null, filter.groupId ?? null, Math.min(filter.limit ?? 100, 1000)],
        );
        return rows.map(versionOf);
      }),
    revert: (versionId, actor) =>
      withTransaction(pool, async (client) => {
        if (!Number.isSafeInteger(versionId)) return { found: false };
        const { rows } = await client.query(
          `SELECT ${VERSION_COLUMNS} FROM domain_pack_override_versions WHERE kb_id = $1 AND version_id = $2`,
          [kb, versionId],
        );
        if (rows[0] === undefined) return { found: false };
        const version = versionOf(rows[0]);
        const reverted = await change(
          client,
          { packId: version.packId, groupId: version.groupId, after: version.before },
          'revert',
          actor,
        );
        return reverted ? { found: true, version: reverted } : { found: true };
      }),
  };
}
