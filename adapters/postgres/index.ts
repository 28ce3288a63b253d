// PostgreSQL adapters: every store port over one shared database, for several Livedesk nodes.
export { openPostgresPool, describePostgresUrl } from './open-postgres-pool.js';
export type { PostgresPoolOptions } from './open-postgres-pool.js';
export { migratePostgresDatabase, POSTGRES_MIGRATIONS } from './postgres-migrations.js';
export type { PostgresMigration } from './postgres-migration.js';
export { mapPostgresError } from './map-postgres-error.js';
export { withTransaction } from './with-transaction.js';
export { createPostgresKnowledgeStore } from './knowledge-store.js';
export type { PostgresKnowledgeStore, PostgresKnowledgeStoreOptions } from './knowledge-store.js';
export { createPostgresPackOverrideStore } from './domain-pack-override-store.js';
export { startPostgresListener } from './postgres-listener.js';
export type {
  PostgresListener,
  PostgresListenerOptions,
  PostgresListenerStatus,
} from './postgres-listener.js';
export { createPostgresTicketStore } from './ticket-store.js';
export { createPostgresTicketDepartmentStore } from './ticket-department-store.js';
export { createPostgresQuickReplyStore } from './quick-reply-store.js';
export type { PostgresQuickReplyStore } from './quick-reply-store.js';
export { createPostgresAutoReplyRuleStore } from './auto-reply-rule-store.js';
export type {
  PostgresAutoReplyRuleStore,
  PostgresAutoReplyRuleStoreOptions,
} from './auto-reply-rule-store.js';
export { createPostgresConversationEventLog } from './conversation-event-log.js';
export type { ConversationFencing, PostgresConversationEventLogOptions } from './conversation-event-log.js';
export { createPostgresConversationQueries } from './conversation-queries.js';
export type { PostgresConversationQueriesOptions } from './conversation-queries.js';
export { createPostgresConversationViewerNames } from './conversation-viewer-names.js';
export { createPostgresAnalyticsReader } from './analytics-timeline-reader.js';
export { createPostgresLearningSource } from './analytics-learning-source.js';
export { createPostgresPhrasingProposalStore } from './phrasing-proposal-store.js';
export { createPostgresEvalRunStore } from './eval-run-store.js';
export type { PostgresEvalRunStoreOptions } from './eval-run-store.js';
export { createPostgresLeaseStore, assertConversationLease } from './conversation-lease-store.js';
export { createPostgresNodeRegistry } from './node-registry.js';
export { createPostgresStaffUserStore } from './staff-user-store.js';
export type { PostgresStaffUserStore, PostgresStaffUserStoreOptions } from './staff-user-store.js';
export { createPostgresAuditLog } from './audit-log-store.js';
export type { PostgresAuditLogOptions } from './audit-log-store.js';
export { createPostgresSignalLabelStore } from './signal-label-store.js';
export { createPostgresSignalModelStore } from './signal-model-store.js';
