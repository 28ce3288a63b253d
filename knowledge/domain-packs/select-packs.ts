import type { DomainPack, Scenario } from './domain-pack.js';

export type PackSelection = { ok: true; ids: string[] } | { ok: false; message: string };

/**
 * Which packs load: `LIVEDESK_DOMAIN_PACKS` as written (comma-separated ids, or `none`), else the
 * scenario's own packs plus those every scenario loads, else (`all`) every shipped pack. An unknown id
 * is refused by name, so a typo never quietly loads nothing.
 */
export function selectPacks(
  shipped: readonly DomainPack[],
  setting: string | undefined,
  scenario: Scenario | 'all',
): PackSelection {
  const value = setting?.trim().toLowerCase();
  if (value === 'none') return { ok: true, ids: [] };
  if (!value) {
    const ids = shipped
      .filter(
        (pack) => scenario === 'all' || pack.scenarios.length === 0 || pack.scenarios.includes(scenario),
      )
      .map((pack) => pack.id);
    return { ok: true, ids };
  }
  const known = new Set(shipped.map((pack) => pack.id));
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    return {
      ok: false,
      message: `unknown domain pack ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${[...known].join(', ')}, or none`,
    };
  return { ok: true, ids };
}
