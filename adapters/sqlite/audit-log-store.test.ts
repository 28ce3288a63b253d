import { runAuditLogContract } from '../../test/contracts/audit-log.contract.js';
import { createSqliteAuditLog } from './audit-log-store.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

runAuditLogContract('sqlite', ({ clock }) => {
  const database = createSqliteDatabase(':memory:');
  return Promise.resolve({
    audit: createSqliteAuditLog(database, { clock }),
    cleanup: () => {
      database.close();
      return Promise.resolve();
    },
  });
});
