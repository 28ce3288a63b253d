import { runSignalLabelStoreContract } from '../../test/contracts/signal-label-store.contract.js';
import { runSignalModelStoreContract } from '../../test/contracts/signal-model-store.contract.js';
import { createPostgresTestSchema } from '../../test/support/postgres-test-schema.js';
import { createPostgresSignalLabelStore } from './signal-label-store.js';
import { createPostgresSignalModelStore } from './signal-model-store.js';

runSignalLabelStoreContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  return { store: createPostgresSignalLabelStore({ pool: schema.pool }), cleanup: () => schema.cleanup() };
});

runSignalModelStoreContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  return { store: createPostgresSignalModelStore({ pool: schema.pool }), cleanup: () => schema.cleanup() };
});
