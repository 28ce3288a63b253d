// PostgreSQL adapters: every store port over one shared database, for several Livedesk nodes.
export { openPostgresPool, describePostgresUrl } from './open-postgres-pool.js';
export type { PostgresPoolOptions } from './open-postgres-pool.js';
export { migratePostgresDatabase, POSTGRES_MIGRATIONS } from './postgres-migrations.js';
export type { PostgresMigration } from './postgres-migration.js';
export { mapPostgresError } from './map-postgres-error.js';
export { withTransaction } from './with-transaction.js';
