import { runPlatformKeyStoreContract } from '../../test/contracts/platform-key-store.contract.js';
import { createPostgresStoreHarness } from '../../test/support/postgres-store-harness.js';
import { createPostgresPlatformKeyStore } from './platform-key-store.js';

runPlatformKeyStoreContract('postgres', () =>
  createPostgresStoreHarness((pool) => createPostgresPlatformKeyStore({ pool })),
);
