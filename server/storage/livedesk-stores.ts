import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import type { SignalModelStore } from '../../engine/signals/learning/signal-model-version.js';
import type { AnalyticsReader } from '../analytics/analytics-reader.js';
import type { LearningSource } from '../analytics/learning-source.js';
import type { PhrasingProposalStore } from '../analytics/phrasing-proposals.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffUserStore } from '../auth/staff-user-store.js';
import type { PlatformKeyStore } from '../platform/platform-key-store.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import type { ConversationViewerNames } from '../conversation-history/conversation-viewer-names.js';
import type { DeskContentStores } from '../desk/desk-content.js';
import type { EvalRunFiles } from '../eval-runs/eval-run-files.js';
import type { KnowledgeStores } from '../knowledge-runtime.js';
import type { ConversationLeaseStore } from '../cluster/conversation-lease-store.js';
import type { NodeRegistry } from '../cluster/node-registry.js';
import type { StoreHealthProbe } from './store-health.js';
import type { ToolDefinitionStore } from '../tools/tool-definition-store.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import type { WebhookStore } from '../webhooks/webhook-store.js';
import type { RoomAlertStore } from '../room-watch/room-alert-store.js';
import type { ConversationPrivacyStore } from '../privacy/conversation-privacy-store.js';
import type { PersonalDataStore } from '../privacy/personal-data-store.js';
import type { MediaRecordStore } from '../../engine/media/media-record.js';

/** The analytics side: its reads run on a pool of their own in PostgreSQL, so they never hold up live traffic. */
export interface AnalyticsStores {
  reader: AnalyticsReader;
  learningSource: LearningSource;
  proposals: PhrasingProposalStore;
  viewerNames: ConversationViewerNames;
}

/**
 * Everything Livedesk keeps beyond a process, behind the store ports: one SQLite file by default, one
 * PostgreSQL database shared by every node when LIVEDESK_DATABASE_URL is set. The composition root opens one
 * set and hands each runtime the ports it needs.
 */
export interface LivedeskStores {
  readonly kind: 'sqlite' | 'postgres';
  knowledge: KnowledgeStores['knowledge'];
  packOverrides: KnowledgeStores['packOverrides'];
  /** The conversation log the hub appends to; desk content and tickets read it too. */
  events: ConversationEventLog<ConversationEvent>;
  conversations: ConversationQueries;
  desk: Omit<DeskContentStores, 'events'>;
  staffUsers: StaffUserStore;
  audit: AuditLog;
  /** Platform signing keys (verified viewer identity) and platform API keys (inbound platform API). */
  platformKeys: PlatformKeyStore;
  signalLabels: SignalLabelStore;
  signalModels: SignalModelStore;
  analytics: AnalyticsStores;
  /** Commerce tools declared in the admin (server/tools/). */
  tools: ToolDefinitionStore;
  /** Outbound webhook subscriptions and the durable delivery outbox. */
  webhooks: WebhookStore;
  /** Room alerts of the danmaku watch, with their evidence and outcomes (server/room-watch/). */
  roomAlerts: RoomAlertStore;
  /** Media records of conversations (issue 17); their bytes sit in the blob store (server/media/). */
  media: MediaRecordStore;
  /** Gift and top-up disputes submitted through their forms (server/disputes/). */
  disputes: DisputeStore;
  /** Sensitive conversation marks (server/privacy/); absent: kept in memory. */
  privacy?: ConversationPrivacyStore | undefined;
  /** Erasure and retention across conversations and tickets (server/privacy/); absent: not offered. */
  personalData?: PersonalDataStore | undefined;
  /** Eval runs; undefined keeps them as files in the data folder (one node). */
  evalRuns?: EvalRunFiles | undefined;
  /** Cluster mode (PostgreSQL with LIVEDESK_REDIS_URL): the leases and the node registry. */
  cluster?: { leases: ConversationLeaseStore; nodes: NodeRegistry } | undefined;
  /** What `/healthz` probes (none for the SQLite file, which lives and dies with the process). */
  healthProbes: readonly StoreHealthProbe[];
  /** Commits what is pending (the event log's batches, queued audit entries) and closes every connection. */
  close(): Promise<void>;
}
