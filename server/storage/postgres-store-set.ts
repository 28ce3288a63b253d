import type pg from 'pg';
import { createPostgresLearningSource } from '../../adapters/postgres/analytics-learning-source.js';
import { createPostgresAnalyticsReader } from '../../adapters/postgres/analytics-timeline-reader.js';
import { createPostgresAuditLog } from '../../adapters/postgres/audit-log-store.js';
import { createPostgresAutoReplyRuleStore } from '../../adapters/postgres/auto-reply-rule-store.js';
import {
  createPostgresConversationEventLog,
  type ConversationFencing,
} from '../../adapters/postgres/conversation-event-log.js';
import { createPostgresLeaseStore } from '../../adapters/postgres/conversation-lease-store.js';
import { createPostgresNodeRegistry } from '../../adapters/postgres/node-registry.js';
import { createPostgresConversationQueries } from '../../adapters/postgres/conversation-queries.js';
import { createPostgresConversationViewerNames } from '../../adapters/postgres/conversation-viewer-names.js';
import { createPostgresPackOverrideStore } from '../../adapters/postgres/domain-pack-override-store.js';
import { createPostgresEvalRunStore } from '../../adapters/postgres/eval-run-store.js';
import { createPostgresKnowledgeStore } from '../../adapters/postgres/knowledge-store.js';
import { openPostgresPool } from '../../adapters/postgres/open-postgres-pool.js';
import { createPostgresMediaRecordStore } from '../../adapters/postgres/media-record-store.js';
import { createPostgresPhrasingProposalStore } from '../../adapters/postgres/phrasing-proposal-store.js';
import { createPostgresPlatformKeyStore } from '../../adapters/postgres/platform-key-store.js';
import { createPostgresQuickReplyStore } from '../../adapters/postgres/quick-reply-store.js';
import { createPostgresSignalLabelStore } from '../../adapters/postgres/signal-label-store.js';
import { createPostgresSignalModelStore } from '../../adapters/postgres/signal-model-store.js';
import { takeSingleNodeLock } from '../../adapters/postgres/single-node-lock.js';
import { createPostgresStaffUserStore } from '../../adapters/postgres/staff-user-store.js';
import { createPostgresTicketDepartmentStore } from '../../adapters/postgres/ticket-department-store.js';
import { createPostgresTicketStore } from '../../adapters/postgres/ticket-store.js';
import { createPostgresDisputeStore } from '../../adapters/postgres/dispute-store.js';
import { createPostgresWebhookStore } from '../../adapters/postgres/webhook-store.js';
import { createPostgresRoomAlertStore } from '../../adapters/postgres/room-alert-store.js';
import { createPostgresConversationPrivacyStore } from '../../adapters/postgres/conversation-privacy-store.js';
import { createPostgresPersonalDataStore } from '../../adapters/postgres/personal-data-store.js';
import { createPostgresToolDefinitionStore } from '../../adapters/postgres/tool-definition-store.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { LivedeskConfig, PostgresConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import type { LivedeskStores } from './livedesk-stores.js';

export interface PostgresStoreOptions {
  config: Pick<LivedeskConfig, 'knowledgeBaseId'> & { postgres: PostgresConfig };
  clock?: (() => Date) | undefined;
  logger?: Logger | undefined;
  /** The node lost its single-node lock to another process (the database was taken over): stop serving. */
  onNodeLockLost?: ((error: Error) => void) | undefined;
  /**
   * Cluster mode: several nodes share the database, so no single-node lock; conversation appends are fenced
   * by the leader's lease, and the lease store and node registry come with the set.
   */
  cluster?: { fencing: ConversationFencing } | undefined;
}

/**
 * Every store in one PostgreSQL database (LIVEDESK_DATABASE_URL), migrated on open. Live traffic and the
 * analytics reads (dashboards, conversation history, the learning loop's scans) have pools of their own, so
 * a heavy report never holds a connection a viewer's message waits for. A wrong URL, an unreachable server or
 * another node already on the database stops start-up with one line for the operator.
 */
export async function openPostgresStores(options: PostgresStoreOptions): Promise<LivedeskStores> {
  const { postgres, knowledgeBaseId } = options.config;
  const logger = options.logger;
  // pg hangs the whole client (connection settings, buffers) on its errors: log what an operator can use.
  const warn = (message: string) => (error: unknown) => logger?.warn({ error: briefError(error) }, message);
  const pool = await openPostgresPool({
    url: postgres.url,
    maxConnections: postgres.poolSize,
    applicationName: 'livedesk',
    onIdleError: warn('an idle PostgreSQL connection broke'),
  });
  const opened: { close(): Promise<unknown> }[] = [{ close: () => pool.end() }];
  const closeOpened = async () => {
    for (const item of opened.reverse()) await item.close().catch(() => undefined);
  };
  try {
    if (!options.cluster) {
      const lock = await takeSingleNodeLock({
        connection: { connectionString: postgres.url },
        onLost: (error) => options.onNodeLockLost?.(error),
      });
      opened.push({ close: () => lock.release() });
    }
    const analyticsPool = await openPostgresPool({
      url: postgres.url,
      maxConnections: postgres.analyticsPoolSize,
      applicationName: 'livedesk-analytics',
      migrate: false,
      onIdleError: warn('an idle PostgreSQL analytics connection broke'),
    });
    opened.push({ close: () => analyticsPool.end() });
    const knowledge = await createPostgresKnowledgeStore({
      pool,
      knowledgeBaseId,
      ...(options.clock ? { clock: options.clock } : {}),
      onFeedError: warn('the knowledge change feed lost its connection'),
    });
    opened.push(knowledge);
    const staffUsers = await createPostgresStaffUserStore({
      pool,
      onError: warn('the staff account cache lost its connection'),
    });
    opened.push(staffUsers);
    const audit = createPostgresAuditLog({
      pool,
      clock: options.clock,
      onError: (error, actions) => logger?.error({ error, actions }, 'audit entries not stored'),
    });
    opened.push({ close: () => audit.flush() });
    return {
      kind: 'postgres',
      knowledge,
      packOverrides: createPostgresPackOverrideStore({
        pool,
        knowledgeBaseId,
        ...(options.clock ? { clock: options.clock } : {}),
      }),
      events: createPostgresConversationEventLog({
        pool,
        eventSchema: ConversationEventSchema,
        ...(options.cluster ? { fencing: options.cluster.fencing } : {}),
      }),
      conversations: createPostgresConversationQueries({ pool: analyticsPool }),
      desk: {
        quickReplies: createPostgresQuickReplyStore({ pool }),
        autoReplyRules: await createPostgresAutoReplyRuleStore({ pool }),
        ticketDepartments: createPostgresTicketDepartmentStore({ pool }),
        tickets: createPostgresTicketStore({ pool }),
      },
      staffUsers,
      audit,
      platformKeys: createPostgresPlatformKeyStore({ pool }),
      signalLabels: createPostgresSignalLabelStore({ pool }),
      signalModels: createPostgresSignalModelStore({ pool }),
      analytics: {
        reader: createPostgresAnalyticsReader({ pool: analyticsPool }),
        learningSource: createPostgresLearningSource({ pool: analyticsPool }),
        proposals: createPostgresPhrasingProposalStore({ pool, knowledgeBaseId }),
        viewerNames: createPostgresConversationViewerNames({ pool: analyticsPool }),
      },
      evalRuns: createPostgresEvalRunStore({
        pool,
        onInvalidRecord: (runId, error) => logger?.warn({ runId, error }, 'stored eval run skipped'),
      }),
      ...(options.cluster
        ? {
            cluster: {
              leases: createPostgresLeaseStore({ pool }),
              nodes: createPostgresNodeRegistry({ pool }),
            },
          }
        : {}),
      webhooks: createPostgresWebhookStore({ pool }),
      roomAlerts: createPostgresRoomAlertStore({ pool }),
      media: createPostgresMediaRecordStore({ pool }),
      disputes: createPostgresDisputeStore({ pool }),
      privacy: createPostgresConversationPrivacyStore({ pool }),
      personalData: createPostgresPersonalDataStore({ pool }),
      tools: createPostgresToolDefinitionStore({ pool }),
      healthProbes: [{ component: 'database', check: () => probe(pool) }],
      close: closeOpened,
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

async function probe(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}

function briefError(error: unknown): { message: string; code?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return typeof code === 'string'
    ? { message: error.message + cause, code }
    : { message: error.message + cause };
}
