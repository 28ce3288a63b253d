import { z } from 'zod';
import { PackIdSchema, TermGroupSchema, type DomainPack, type TermGroup } from './domain-pack.js';

/** An operator's version of one group: it replaces the shipped group of that id, or adds a new one. */
export const PackOverrideSchema = z.object({
  packId: PackIdSchema,
  group: TermGroupSchema,
});
export type PackOverride = z.infer<typeof PackOverrideSchema>;

/** One recorded change to an override: who, when, and the group before and after (null: the shipped one). */
export interface PackOverrideVersion {
  versionId: number;
  packId: string;
  groupId: string;
  action: 'put' | 'reset' | 'revert';
  actor: string;
  at: string;
  before: TermGroup | null;
  after: TermGroup | null;
}

/** Where operators' edits of the shipped packs are kept, per knowledge base, with their history. */
export interface PackOverrideStore {
  list(): Promise<PackOverride[]>;
  /** Stores the override; resolves the version recorded, or undefined when nothing changed. */
  put(override: PackOverride, actor: string): Promise<PackOverrideVersion | undefined>;
  /** Drops the override, so the shipped group (if any) applies again. */
  reset(packId: string, groupId: string, actor: string): Promise<PackOverrideVersion | undefined>;
  versions(filter?: { packId?: string; groupId?: string; limit?: number }): Promise<PackOverrideVersion[]>;
  /**
   * Puts the override back as it was before that version: found false when there is no such version,
   * no version when the group already reads that way.
   */
  revert(versionId: number, actor: string): Promise<{ found: boolean; version?: PackOverrideVersion }>;
}

export interface EffectiveGroup extends Readonly<TermGroup> {
  /** shipped: as the pack ships it; edited: an override of a shipped group; added: only in the override. */
  origin: 'shipped' | 'edited' | 'added';
}

export interface EffectivePack extends Omit<DomainPack, 'groups'> {
  groups: EffectiveGroup[];
}

/** The packs as they apply: each shipped group, or the operator's version of it, then the groups operators added. */
export function applyOverrides(
  packs: readonly DomainPack[],
  overrides: readonly PackOverride[],
): EffectivePack[] {
  return packs.map((pack) => {
    const mine = new Map(
      overrides.filter((override) => override.packId === pack.id).map((o) => [o.group.id, o.group]),
    );
    const groups: EffectiveGroup[] = pack.groups.map((group) => {
      const edited = mine.get(group.id);
      return edited ? { ...edited, origin: 'edited' } : { ...group, origin: 'shipped' };
    });
    const shippedIds = new Set(pack.groups.map((group) => group.id));
    for (const [id, group] of mine) if (!shippedIds.has(id)) groups.push({ ...group, origin: 'added' });
    return { ...pack, groups };
  });
}
