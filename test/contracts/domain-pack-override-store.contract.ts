import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TermGroupSchema } from '../../knowledge/domain-packs/domain-pack.js';
import type { PackOverrideStore } from '../../knowledge/domain-packs/pack-overrides.js';

export interface DomainPackOverrideStoreHarness {
  /** A store on the harness's storage (file, database); every store opened shares it. */
  open(options?: {
    knowledgeBaseId?: string;
    clock?: () => Date;
  }): PackOverrideStore | Promise<PackOverrideStore>;
  cleanup(): Promise<void>;
}

const group = (variants: string[], enabled = true, id = 'top-up') =>
  TermGroupSchema.parse({ id, zh: { canonical: '充值', variants }, enabled });

/**
 * What every PackOverrideStore promises, for each adapter:
 * `runDomainPackOverrideStoreContract('sqlite', async () => ({ open, cleanup }))`.
 */
export function runDomainPackOverrideStoreContract(
  name: string,
  createHarness: () => Promise<DomainPackOverrideStoreHarness>,
): void {
  describe(`PackOverrideStore contract: ${name}`, () => {
    let harness: DomainPackOverrideStoreHarness;

    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps each edit as a version with who, when, before and after, and reverts one', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const store = await harness.open({ clock: () => new Date((now += 1000)) });
      const first = await store.put({ packId: 'general', group: group(['cz']) }, 'ada');
      expect(first).toMatchObject({
        action: 'put',
        actor: 'ada',
        before: null,
        packId: 'general',
        groupId: 'top-up',
      });
      expect(await store.put({ packId: 'general', group: group(['cz']) }, 'ada')).toBeUndefined();
      const second = await store.put({ packId: 'general', group: group(['cz', '储值'], false) }, 'bo');
      expect(second?.before?.zh?.variants).toEqual(['cz']);
      expect(second?.after?.enabled).toBe(false);
      expect((await store.list()).map((override) => override.group.enabled)).toEqual([false]);

      const reverted = await store.revert(second!.versionId, 'cy');
      expect(reverted.version).toMatchObject({ action: 'revert', actor: 'cy' });
      expect((await store.list())[0]?.group.zh?.variants).toEqual(['cz']);
      expect(await store.revert(9999, 'cy')).toEqual({ found: false });

      await store.revert(first!.versionId, 'cy');
      expect(await store.list()).toEqual([]);
      const history = await store.versions({ packId: 'general', groupId: 'top-up' });
      expect(history.map((version) => version.action)).toEqual(['revert', 'revert', 'put', 'put']);
      expect(history[3]?.at).toBe('2026-01-01T00:00:01.000Z');
    });

    it('keeps knowledge bases apart and resets to the shipped group', async () => {
      const mine = await harness.open({ knowledgeBaseId: 'mine' });
      const other = await harness.open({ knowledgeBaseId: 'other' });
      const put = await mine.put({ packId: 'show', group: group(['cz']) }, 'ada');
      expect(await other.list()).toEqual([]);
      expect(await other.versions()).toEqual([]);
      expect(await other.revert(put!.versionId, 'bo')).toEqual({ found: false });
      const reset = await mine.reset('show', 'top-up', 'ada');
      expect(reset).toMatchObject({ action: 'reset', after: null });
      expect(await mine.list()).toEqual([]);
      expect(await mine.reset('show', 'top-up', 'ada')).toBeUndefined();
    });

    it('lists overrides by pack then group, and filters and limits versions newest first', async () => {
      const store = await harness.open();
      await store.put({ packId: 'show', group: group(['aa'], true, 'b-group') }, 'ada');
      await store.put({ packId: 'general', group: group(['bb'], true, 'z-group') }, 'ada');
      await store.put({ packId: 'show', group: group(['cc'], true, 'a-group') }, 'ada');
      await store.put({ packId: 'show', group: group(['dd'], true, 'a-group') }, 'bo');

      expect((await store.list()).map((override) => `${override.packId}/${override.group.id}`)).toEqual([
        'general/z-group',
        'show/a-group',
        'show/b-group',
      ]);
      const all = await store.versions();
      expect(all).toHaveLength(4);
      const ids = all.map((version) => version.versionId);
      expect([...ids].sort((x, y) => y - x)).toEqual(ids);
      expect((await store.versions({ packId: 'show' })).map((version) => version.groupId)).toEqual([
        'a-group',
        'a-group',
        'b-group',
      ]);
      expect(
        (await store.versions({ groupId: 'a-group', limit: 1 })).map((version) => version.actor),
      ).toEqual(['bo']);
    });

    it('records nothing when a revert would change nothing', async () => {
      const store = await harness.open();
      const first = await store.put({ packId: 'general', group: group(['cz']) }, 'ada');
      await store.reset('general', 'top-up', 'ada');

      expect(await store.revert(first!.versionId, 'bo')).toEqual({ found: true });
      expect(await store.versions()).toHaveLength(2);
    });
  });
}
