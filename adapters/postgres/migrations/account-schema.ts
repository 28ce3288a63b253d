import type { PostgresMigration } from '../postgres-migration.js';

/** Staff accounts, the audit log, desk labels and signal model versions. */
export const ACCOUNT_SCHEMA: PostgresMigration = {
  version: 4,
  name: 'account-schema',
  statements: [],
};
