import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runQuickReplyStoreContract } from '../../test/contracts/quick-reply-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteQuickReplyStore } from './quick-reply-store.js';

runQuickReplyStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-quick-replies-'));
  const file = path.join(folder, 'livedesk.sqlite');
  const databases = [createSqliteDatabase(file)];
  return Promise.resolve({
    store: createSqliteQuickReplyStore({ database: databases[0]! }),
    openAnother: () => {
      const database = createSqliteDatabase(file);
      databases.push(database);
      return Promise.resolve(createSqliteQuickReplyStore({ database }));
    },
    cleanup: () => {
      for (const database of databases) database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
