import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDomainPackOverrideStoreContract } from '../../test/contracts/domain-pack-override-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqlitePackOverrideStore } from './domain-pack-override-store.js';

runDomainPackOverrideStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-pack-overrides-'));
  const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  return Promise.resolve({
    open: (options = {}) => createSqlitePackOverrideStore({ database, ...options }),
    cleanup: () => {
      database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
