import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMediaRecordStoreContract } from '../../test/contracts/media-record-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteMediaRecordStore } from './media-record-store.js';

runMediaRecordStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-media-records-'));
  const file = path.join(folder, 'livedesk.sqlite');
  const databases = [createSqliteDatabase(file)];
  return Promise.resolve({
    store: createSqliteMediaRecordStore({ database: databases[0]! }),
    openAnother: () => {
      const database = createSqliteDatabase(file);
      databases.push(database);
      return Promise.resolve(createSqliteMediaRecordStore({ database }));
    },
    cleanup: () => {
      for (const database of databases) database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
