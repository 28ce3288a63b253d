import { describe, expect, it } from 'vitest';
import { TermGroupSchema } from '../../knowledge/domain-packs/domain-pack.js';
import { runDomainPackOverrideStoreContract } from '../../test/contracts/domain-pack-override-store.contract.js';
import { createPostgresTestSchema } from '../../test/support/postgres-test-schema.js';
import { createPostgresPackOverrideStore } from './domain-pack-override-store.js';

runDomainPackOverrideStoreContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  return {
    open: (options = {}) => createPostgresPackOverrideStore({ pool: schema.pool, ...options }),
    cleanup: () => schema.cleanup(),
  };
});

describe('PostgreSQL domain pack override store', () => {
  it('keeps every version chained when several editors change the same group at once', async () => {
    const schema = await createPostgresTestSchema();
    try {
      const store = createPostgresPackOverrideStore({ pool: schema.pool });
      await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          store.put(
            {
              packId: 'general',
              group: TermGroupSchema.parse({ id: 'g', zh: { canonical: '充值', variants: [`v${index}`] } }),
            },
            `editor-${index}`,
          ),
        ),
      );

      const history = (await store.versions()).reverse();
      expect(history).toHaveLength(12);
      expect(history[0]?.before).toBeNull();
      for (const [index, version] of history.entries()) {
        if (index > 0) expect(version.before).toEqual(history[index - 1]?.after);
      }
    } finally {
      await schema.cleanup();
    }
  });
});
