import { readFileSync } from 'node:fs';
import { DomainPackSchema, type DomainPack } from './domain-pack.js';

/** The packs that ship with Livedesk, in load order: the general one first, so its words claim first. */
export const SHIPPED_PACK_IDS = ['general', 'show', 'commerce', 'social'] as const;

let shipped: DomainPack[] | undefined;

/** Read once and checked: a malformed shipped pack is a bug, so it fails loudly at start-up. */
export function shippedPacks(): readonly DomainPack[] {
  shipped ??= SHIPPED_PACK_IDS.map((id) => {
    const text = readFileSync(new URL(`./packs/${id}.json`, import.meta.url), 'utf8');
    const parsed = DomainPackSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`domain pack ${id} is invalid: ${parsed.error.message}`);
    return parsed.data;
  });
  return shipped;
}
