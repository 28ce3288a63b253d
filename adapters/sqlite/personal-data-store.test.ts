import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { runPersonalDataStoreContract } from '../../test/contracts/personal-data-store.contract.js';
import { createSqliteConversationEventLog } from './conversation-event-log.js';
import { createSqliteConversationPrivacyStore } from './conversation-privacy-store.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteDisputeStore } from './dispute-store.js';
import { createSqlitePersonalDataStore } from './personal-data-store.js';
import { createSqlitePhrasingProposalStore } from './phrasing-proposal-store.js';
import { createSqliteSignalLabelStore } from './signal-label-store.js';
import { createSqliteTicketStore } from './ticket-store.js';

runPersonalDataStoreContract('sqlite', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-personal-data-'));
  const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  return Promise.resolve({
    store: createSqlitePersonalDataStore({ database }),
    log: createSqliteConversationEventLog<ConversationEvent>({
      database,
      eventSchema: ConversationEventSchema,
    }),
    tickets: createSqliteTicketStore({ database }),
    privacy: createSqliteConversationPrivacyStore({ database }),
    disputes: createSqliteDisputeStore({ database }),
    proposals: createSqlitePhrasingProposalStore({ database, knowledgeBaseId: 'kb' }),
    labels: createSqliteSignalLabelStore({ database }),
    cleanup: () => {
      database.close();
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
