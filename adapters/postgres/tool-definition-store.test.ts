import { runToolDefinitionStoreContract } from '../../test/contracts/tool-definition-store.contract.js';
import { createPostgresStoreHarness } from '../../test/support/postgres-store-harness.js';
import { createPostgresToolDefinitionStore } from './tool-definition-store.js';

runToolDefinitionStoreContract('postgres', () =>
  createPostgresStoreHarness((pool) => createPostgresToolDefinitionStore({ pool })),
);
