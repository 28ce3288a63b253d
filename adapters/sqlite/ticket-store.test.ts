import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTicketStoreContract } from '../../test/contracts/ticket-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteTicketStore } from './ticket-store.js';

runTicketStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-tickets-'));
  const file = path.join(folder, 'livedesk.sqlite');
  const databases = [createSqliteDatabase(file)];
  return Promise.resolve({
    store: createSqliteTicketStore({ database: databases[0]! }),
    openAnother: () => {
      const database = createSqliteDatabase(file);
      databases.push(database);
      return Promise.resolve(createSqliteTicketStore({ database }));
    },
    cleanup: () => {
      for (const database of databases) database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
