import { createSqliteLearningSource } from '../../adapters/sqlite/analytics-learning-source.js';
import { createSqliteAnalyticsReader } from '../../adapters/sqlite/analytics-timeline-reader.js';
import { createSqliteAuditLog } from '../../adapters/sqlite/audit-log-store.js';
import { createSqliteConversationQueries } from '../../adapters/sqlite/conversation-queries.js';
import { createSqliteConversationViewerNames } from '../../adapters/sqlite/conversation-viewer-names.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqlitePackOverrideStore } from '../../adapters/sqlite/domain-pack-override-store.js';
import { createSqliteKnowledgeStore } from '../../adapters/sqlite/knowledge-store.js';
import { createSqlitePhrasingProposalStore } from '../../adapters/sqlite/phrasing-proposal-store.js';
import { createSqlitePlatformKeyStore } from '../../adapters/sqlite/platform-key-store.js';
import { createSqliteSignalLabelStore } from '../../adapters/sqlite/signal-label-store.js';
import { createSqliteSignalModelStore } from '../../adapters/sqlite/signal-model-store.js';
import { createSqliteStaffUserStore } from '../../adapters/sqlite/staff-user-store.js';
import { createWorkerEventRowWriter } from '../../adapters/sqlite/worker-event-row-writer.js';
import { createSqliteDisputeStore } from '../../adapters/sqlite/dispute-store.js';
import { createSqliteWebhookStore } from '../../adapters/sqlite/webhook-store.js';
import { createSqliteRoomAlertStore } from '../../adapters/sqlite/room-alert-store.js';
import { createSqliteToolDefinitionStore } from '../../adapters/sqlite/tool-definition-store.js';
import { createSqliteConversationPrivacyStore } from '../../adapters/sqlite/conversation-privacy-store.js';
import { createSqlitePersonalDataStore } from '../../adapters/sqlite/personal-data-store.js';
import type { LivedeskConfig } from '../config.js';
import { databasePath } from '../knowledge-runtime.js';
import { createSqliteMediaRecordStore } from '../../adapters/sqlite/media-record-store.js';
import type { LivedeskStores } from './livedesk-stores.js';
import { sqliteDeskContentStores, sqliteEventLog } from './sqlite-stores.js';

export type SqliteStoreConfig = Pick<
  LivedeskConfig,
  'dataDir' | 'knowledgeBaseId' | 'sqliteSynchronous' | 'eventLogWriter'
>;

/**
 * Every store on the one SQLite file in the data folder (WAL mode; see createSqliteDatabase): the default,
 * one process, no services. The knowledge and pack-override stores get connections of their own, so they
 * share no transaction with the live traffic.
 */
export function openSqliteStores(
  config: SqliteStoreConfig,
  options: { clock?: (() => Date) | undefined } = {},
): LivedeskStores {
  const path = databasePath(config);
  const database = createSqliteDatabase(path, { synchronous: config.sqliteSynchronous });
  const packDatabase = createSqliteDatabase(path, { synchronous: config.sqliteSynchronous });
  const knowledge = createSqliteKnowledgeStore({ path, knowledgeBaseId: config.knowledgeBaseId });
  const eventWriter =
    config.eventLogWriter === 'thread'
      ? createWorkerEventRowWriter({ path, synchronous: config.sqliteSynchronous })
      : undefined;
  const events = sqliteEventLog(database, eventWriter);
  const { events: _events, ...desk } = sqliteDeskContentStores(database, events);
  const audit = createSqliteAuditLog(database, { clock: options.clock });
  return {
    kind: 'sqlite',
    knowledge,
    packOverrides: createSqlitePackOverrideStore({
      database: packDatabase,
      knowledgeBaseId: config.knowledgeBaseId,
    }),
    events,
    conversations: createSqliteConversationQueries({ database }),
    desk,
    staffUsers: createSqliteStaffUserStore(database),
    audit,
    platformKeys: createSqlitePlatformKeyStore({ database }),
    signalLabels: createSqliteSignalLabelStore({ database }),
    signalModels: createSqliteSignalModelStore({ database }),
    analytics: {
      reader: createSqliteAnalyticsReader({ database }),
      learningSource: createSqliteLearningSource({ database }),
      proposals: createSqlitePhrasingProposalStore({ database, knowledgeBaseId: config.knowledgeBaseId }),
      viewerNames: createSqliteConversationViewerNames({ database }),
    },
    webhooks: createSqliteWebhookStore({ database }),
    roomAlerts: createSqliteRoomAlertStore({ database }),
    media: createSqliteMediaRecordStore({ database }),
    disputes: createSqliteDisputeStore({ database }),
    privacy: createSqliteConversationPrivacyStore({ database }),
    personalData: createSqlitePersonalDataStore({ database }),
    tools: createSqliteToolDefinitionStore({ database }),
    healthProbes: [],
    async close() {
      await audit.flush();
      await eventWriter?.close();
      database.close();
      packDatabase.close();
      await knowledge.close();
    },
  };
}
