import { runConversationPrivacyStoreContract } from '../../test/contracts/conversation-privacy-store.contract.js';
import { createPostgresStoreHarness } from '../../test/support/postgres-store-harness.js';
import { createPostgresConversationPrivacyStore } from './conversation-privacy-store.js';

runConversationPrivacyStoreContract('postgres', () =>
  createPostgresStoreHarness((pool) => createPostgresConversationPrivacyStore({ pool })),
);
