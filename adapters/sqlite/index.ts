// SQLite adapters: one WAL-mode file holds every Livedesk table, migrated by PRAGMA user_version.
export { createSqliteDatabase } from './create-sqlite-database.js';
export type { SqliteDatabaseOptions } from './create-sqlite-database.js';
export { createSqliteKnowledgeStore } from './knowledge-store.js';
export type { SqliteKnowledgeStore, SqliteKnowledgeStoreOptions } from './knowledge-store.js';
export type { SynonymVersion } from './synonym-writer.js';
export { migrateSqliteDatabase, readUserVersion, SQLITE_MIGRATIONS } from './sqlite-migrations.js';
export type { SqliteMigration } from './sqlite-migrations.js';
export { mapSqliteError } from './map-sqlite-error.js';
export { createSqliteStaffUserStore } from './staff-user-store.js';
export { createSqliteAuditLog } from './audit-log-store.js';
export type { SqliteAuditLogOptions } from './audit-log-store.js';
