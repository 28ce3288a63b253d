import type { ConversationFencing } from '../../adapters/postgres/conversation-event-log.js';
import type { LivedeskConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import type { LivedeskStores } from './livedesk-stores.js';
import { openPostgresStores } from './postgres-store-set.js';
import { openSqliteStores } from './sqlite-store-set.js';

/** The configured stores: PostgreSQL when LIVEDESK_DATABASE_URL is set, else the SQLite file in the data folder. */
export async function openLivedeskStores(options: {
  config: LivedeskConfig;
  clock?: (() => Date) | undefined;
  logger?: Logger | undefined;
  onNodeLockLost?: ((error: Error) => void) | undefined;
  /** Cluster mode: appends fenced by the leader's lease (server/cluster/leader-election.ts). */
  cluster?: { fencing: ConversationFencing } | undefined;
}): Promise<LivedeskStores> {
  const { config } = options;
  if (config.postgres) {
    return openPostgresStores({ ...options, config: { ...config, postgres: config.postgres } });
  }
  return openSqliteStores(config, { clock: options.clock });
}
