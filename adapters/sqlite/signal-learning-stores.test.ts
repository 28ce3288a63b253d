import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSignalLabelStoreContract } from '../../test/contracts/signal-label-store.contract.js';
import { runSignalModelStoreContract } from '../../test/contracts/signal-model-store.contract.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteSignalLabelStore } from './signal-label-store.js';
import { createSqliteSignalModelStore } from './signal-model-store.js';

function openDatabase() {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-signal-stores-'));
  const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  return {
    database,
    cleanup: () => {
      database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

runSignalLabelStoreContract('sqlite', () => {
  const { database, cleanup } = openDatabase();
  return Promise.resolve({ store: createSqliteSignalLabelStore({ database }), cleanup });
});

runSignalModelStoreContract('sqlite', () => {
  const { database, cleanup } = openDatabase();
  return Promise.resolve({ store: createSqliteSignalModelStore({ database }), cleanup });
});
