import { runConversationPrivacyStoreContract } from '../../test/contracts/conversation-privacy-store.contract.js';
import { createInMemoryConversationPrivacyStore } from './conversation-privacy-store.js';

runConversationPrivacyStoreContract('in memory', () => {
  // One process's memory: a second "store" on the same storage is the same one.
  const store = createInMemoryConversationPrivacyStore();
  return Promise.resolve({
    store,
    openAnother: () => Promise.resolve(store),
    cleanup: () => Promise.resolve(),
  });
});
