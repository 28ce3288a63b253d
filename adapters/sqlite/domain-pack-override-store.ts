import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { TermGroupSchema, type TermGroup } from '../../knowledge/domain-packs/domain-pack.js';
import type {
  PackOverride,
  PackOverrideStore,
  PackOverrideVersion,
} from '../../knowledge/domain-packs/pack-overrides.js';
import { mapSqliteError } from './map-sqlite-error.js';

const OverrideRowSchema = z.object({ pack_id: z.string(), body: z.string() });
const VersionRowSchema = z.object({
  version_id: z.number().int(),
  pack_id: z.string(),
  group_id: z.string(),
  action: z.enum(['put', 'reset', 'revert']),
  actor: z.string(),
  at: z.string(),
  before_body: z.string().nullable(),
  after_body: z.string().nullable(),
});

const groupOf = (body: string | null): TermGroup | null =>
  body === null ? null : TermGroupSchema.parse(JSON.parse(body));

function versionOf(row: unknown): PackOverrideVersion {
  const parsed = VersionRowSchema.parse(row);
  return {
    versionId: parsed.version_id,
    packId: parsed.pack_id,
    groupId: parsed.group_id,
    action: parsed.action,
    actor: parsed.actor,
    at: parsed.at,
    before: groupOf(parsed.before_body),
    after: groupOf(parsed.after_body),
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}

/** Operators' edits of the shipped domain packs, per knowledge base, each change kept as a version. */
export function createSqlitePackOverrideStore(options: {
  database: Database;
  knowledgeBaseId?: string;
  clock?: () => Date;
}): PackOverrideStore {
  const { database } = options;
  const kb = options.knowledgeBaseId ?? 'default';
  const clock = options.clock ?? (() => new Date());
  const selectAll = database.prepare<[string], unknown>(
    'SELECT pack_id, body FROM domain_pack_overrides WHERE kb_id = ? ORDER BY pack_id, group_id',
  );
  const selectOne = database.prepare<[string, string, string], { body: string }>(
    'SELECT body FROM domain_pack_overrides WHERE kb_id = ? AND pack_id = ? AND group_id = ?',
  );
  const upsert = database.prepare(
    `INSERT INTO domain_pack_overrides (kb_id, pack_id, group_id, body, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kb_id, pack_id, group_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  );
  const deleteOne = database.prepare(
    'DELETE FROM domain_pack_overrides WHERE kb_id = ? AND pack_id = ? AND group_id = ?',
  );
  const insertVersion = database.prepare(
    `INSERT INTO domain_pack_override_versions (kb_id, pack_id, group_id, action, actor, at, before_body, after_body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const selectVersion = database.prepare<[string, number], unknown>(
    'SELECT * FROM domain_pack_override_versions WHERE kb_id = ? AND version_id = ?',
  );
  const selectVersions = database.prepare<
    [{ kb: string; pack: string | null; group: string | null; limit: number }],
    unknown
  >(
    `SELECT * FROM domain_pack_override_versions
      WHERE kb_id = @kb AND (@pack IS NULL OR pack_id = @pack) AND (@group IS NULL OR group_id = @group)
      ORDER BY version_id DESC LIMIT @limit`,
  );

  /** Sets (or with null clears) one override and records the change; nothing recorded when nothing changed. */
  const change = database.transaction(
    (
      packId: string,
      groupId: string,
      after: TermGroup | null,
      action: PackOverrideVersion['action'],
      actor: string,
    ): PackOverrideVersion | undefined => {
      const beforeBody = selectOne.get(kb, packId, groupId)?.body ?? null;
      const afterBody = after === null ? null : JSON.stringify(after);
      if (beforeBody === afterBody) return undefined;
      const at = clock().toISOString();
      if (afterBody === null) deleteOne.run(kb, packId, groupId);
      else upsert.run(kb, packId, groupId, afterBody, at);
      return versionOf(insertVersion.get(kb, packId, groupId, action, actor, at, beforeBody, afterBody));
    },
  );

  return {
    list: () =>
      run(() =>
        selectAll.all(kb).map((row): PackOverride => {
          const parsed = OverrideRowSchema.parse(row);
          return { packId: parsed.pack_id, group: TermGroupSchema.parse(JSON.parse(parsed.body)) };
        }),
      ),
    put: (override, actor) =>
      run(() => {
        const group = TermGroupSchema.parse(override.group);
        return change.immediate(override.packId, group.id, group, 'put', actor);
      }),
    reset: (packId, groupId, actor) => run(() => change.immediate(packId, groupId, null, 'reset', actor)),
    versions: (filter = {}) =>
      run(() =>
        selectVersions
          .all({
            kb,
            pack: filter.packId ?? null,
            group: filter.groupId ?? null,
            limit: Math.min(filter.limit ?? 100, 1000),
          })
          .map(versionOf),
      ),
    revert: (versionId, actor) =>
      run(() => {
        const row = selectVersion.get(kb, versionId);
        if (row === undefined) return { found: false };
        const version = versionOf(row);
        const reverted = change.immediate(version.packId, version.groupId, version.before, 'revert', actor);
        return reverted ? { found: true, version: reverted } : { found: true };
      }),
  };
}
