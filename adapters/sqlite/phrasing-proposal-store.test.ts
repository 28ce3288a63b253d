import { runPhrasingProposalStoreContract } from '../../test/contracts/phrasing-proposal-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqlitePhrasingProposalStore } from './phrasing-proposal-store.js';

runPhrasingProposalStoreContract('sqlite', () => {
  const database = createSqliteDatabase(':memory:');
  return {
    store: createSqlitePhrasingProposalStore({ database, knowledgeBaseId: 'default' }),
    openAnother: (knowledgeBaseId) => createSqlitePhrasingProposalStore({ database, knowledgeBaseId }),
    cleanup: () => {
      database.close();
    },
  };
});
