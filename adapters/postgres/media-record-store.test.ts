import { runMediaRecordStoreContract } from '../../test/contracts/media-record-store.contract.js';
import { createPostgresStoreHarness } from '../../test/support/postgres-store-harness.js';
import { createPostgresMediaRecordStore } from './media-record-store.js';

runMediaRecordStoreContract('postgres', () =>
  createPostgresStoreHarness((pool) => createPostgresMediaRecordStore({ pool })),
);
