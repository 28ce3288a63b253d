import { runRoomAlertStoreContract } from '../../test/contracts/room-alert-store.contract.js';
import { createPostgresStoreHarness } from '../../test/support/postgres-store-harness.js';
import { createPostgresRoomAlertStore } from './room-alert-store.js';

runRoomAlertStoreContract('postgres', () =>
  createPostgresStoreHarness((pool) => createPostgresRoomAlertStore({ pool })),
);
