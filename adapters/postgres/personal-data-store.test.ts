import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { runPersonalDataStoreContract } from '../../test/contracts/personal-data-store.contract.js';
import { createPostgresTestSchema } from '../../test/support/postgres-test-schema.js';
import { createPostgresConversationEventLog } from './conversation-event-log.js';
import { createPostgresConversationPrivacyStore } from './conversation-privacy-store.js';
import { createPostgresDisputeStore } from './dispute-store.js';
import { createPostgresPersonalDataStore } from './personal-data-store.js';
import { createPostgresPhrasingProposalStore } from './phrasing-proposal-store.js';
import { createPostgresSignalLabelStore } from './signal-label-store.js';
import { createPostgresTicketStore } from './ticket-store.js';

runPersonalDataStoreContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  const { pool } = schema;
  return {
    store: createPostgresPersonalDataStore({ pool }),
    log: createPostgresConversationEventLog<ConversationEvent>({
      pool,
      eventSchema: ConversationEventSchema,
    }),
    tickets: createPostgresTicketStore({ pool }),
    privacy: createPostgresConversationPrivacyStore({ pool }),
    disputes: createPostgresDisputeStore({ pool }),
    proposals: createPostgresPhrasingProposalStore({ pool, knowledgeBaseId: 'kb' }),
    labels: createPostgresSignalLabelStore({ pool }),
    cleanup: () => schema.cleanup(),
  };
});
