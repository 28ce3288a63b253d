import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import type { Logger } from '../logging/logger.js';
import type { PersonalDataStore } from './personal-data-store.js';
import type { RetentionPolicy } from './retention-policy.js';
import { startRetentionRunner, type RetentionRunner } from './retention-runner.js';
import {
  createViewerDataRequests,
  type HeldConversations,
  type ViewerDataRequests,
  type ViewerMedia,
} from './viewer-data-requests.js';

export interface PrivacyRuntime {
  requests: ViewerDataRequests;
  retention: { policy: RetentionPolicy; runner: RetentionRunner };
  close(): Promise<void>;
}

/**
 * Viewer data requests and the retention policy over the configured stores; undefined when the store set has
 * no personal-data adapter. Retention runs on the node `isResponsible` says (the cluster leader).
 */
export function createPrivacyRuntime(options: {
  personalData: PersonalDataStore | undefined;
  queries: ConversationQueries;
  tickets: TicketStore;
  audit: AuditLog;
  policy: RetentionPolicy;
  /** The conversations in this process's memory: erasure and retention leave held ones alone. */
  held?: HeldConversations | undefined;
  isResponsible?: (() => boolean) | undefined;
  clock?: (() => Date) | undefined;
  logger: Pick<Logger, 'info' | 'error'>;
  /** The conversations' media (server/media/): exported and erased with the viewer's data. */
  media?: ViewerMedia | undefined;
}): PrivacyRuntime | undefined {
  const { personalData } = options;
  if (!personalData) return undefined;
  const requests = createViewerDataRequests({
    personalData,
    queries: options.queries,
    tickets: options.tickets,
    audit: options.audit,
    held: options.held,
    clock: options.clock,
    media: options.media,
  });
  const runner = startRetentionRunner({
    policy: options.policy,
    personalData,
    audit: options.audit,
    held: options.held,
    isResponsible: options.isResponsible,
    clock: options.clock,
    logger: options.logger,
    media: options.media,
  });
  return { requests, retention: { policy: options.policy, runner }, close: () => runner.stop() };
}
