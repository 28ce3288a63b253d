import type { DomainPack } from './domain-pack.js';
import { applyOverrides, type EffectivePack, type PackOverrideStore } from './pack-overrides.js';
import { packVocabulary, type PackVocabulary } from './pack-vocabulary.js';

export interface DomainPackView extends EffectivePack {
  /** Whether this pack is loaded into the matcher (LIVEDESK_DOMAIN_PACKS or the scenario's default). */
  active: boolean;
}

/** The shipped packs, the operator's edits of them and which are loaded: what the matcher and the admin read. */
export interface DomainPackCatalog {
  readonly activeIds: readonly string[];
  readonly overrides: PackOverrideStore;
  /** Every shipped pack, edits applied, marked active or not. */
  packs(): Promise<DomainPackView[]>;
  /** The synonyms and glossary of the active packs, edits applied. */
  vocabulary(): Promise<PackVocabulary>;
}

export function createDomainPackCatalog(options: {
  shipped: readonly DomainPack[];
  activeIds: readonly string[];
  overrides: PackOverrideStore;
}): DomainPackCatalog {
  const { shipped, activeIds, overrides } = options;
  const active = new Set(activeIds);
  const packs = async (): Promise<DomainPackView[]> =>
    applyOverrides(shipped, await overrides.list()).map((pack) => ({ ...pack, active: active.has(pack.id) }));
  return {
    activeIds,
    overrides,
    packs,
    async vocabulary() {
      const effective = await packs();
      // Load order is the order of LIVEDESK_DOMAIN_PACKS, so its first pack claims a shared term.
      const ordered = activeIds.flatMap((id) => effective.filter((pack) => pack.id === id));
      return packVocabulary(ordered);
    },
  };
}
