import { runDisputeStoreContract } from '../../test/contracts/dispute-store.contract.js';
import { createPostgresStoreHarness } from '../../test/support/postgres-store-harness.js';
import { createPostgresDisputeStore } from './dispute-store.js';

runDisputeStoreContract('postgres', () =>
  createPostgresStoreHarness((pool) => createPostgresDisputeStore({ pool })),
);
