import { runWebhookStoreContract } from '../../test/contracts/webhook-store.contract.js';
import { createPostgresStoreHarness } from '../../test/support/postgres-store-harness.js';
import { createPostgresWebhookStore } from './webhook-store.js';

runWebhookStoreContract('postgres', () =>
  createPostgresStoreHarness((pool) => createPostgresWebhookStore({ pool })),
);
