import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAutoReplyRuleStoreContract } from '../../test/contracts/auto-reply-rule-store.contract.js';
import { createSqliteAutoReplyRuleStore } from './auto-reply-rule-store.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

runAutoReplyRuleStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-auto-replies-'));
  const file = path.join(folder, 'livedesk.sqlite');
  const databases = [createSqliteDatabase(file)];
  return Promise.resolve({
    store: createSqliteAutoReplyRuleStore({ database: databases[0]! }),
    openAnother: () => {
      const database = createSqliteDatabase(file);
      databases.push(database);
      return Promise.resolve(createSqliteAutoReplyRuleStore({ database }));
    },
    cleanup: () => {
      for (const database of databases) database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
