import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTicketDepartmentStoreContract } from '../../test/contracts/ticket-department-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteTicketDepartmentStore } from './ticket-department-store.js';

runTicketDepartmentStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-departments-'));
  const file = path.join(folder, 'livedesk.sqlite');
  const databases = [createSqliteDatabase(file)];
  return Promise.resolve({
    store: createSqliteTicketDepartmentStore({ database: databases[0]! }),
    openAnother: () => {
      const database = createSqliteDatabase(file);
      databases.push(database);
      return Promise.resolve(createSqliteTicketDepartmentStore({ database }));
    },
    cleanup: () => {
      for (const database of databases) database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
