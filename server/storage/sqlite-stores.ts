import type { Database } from 'better-sqlite3';
import { createSqliteAutoReplyRuleStore } from '../../adapters/sqlite/auto-reply-rule-store.js';
import { createSqliteConversationEventLog } from '../../adapters/sqlite/conversation-event-log.js';
import { createSqliteQuickReplyStore } from '../../adapters/sqlite/quick-reply-store.js';
import { createSqliteTicketDepartmentStore } from '../../adapters/sqlite/ticket-department-store.js';
import { createSqliteTicketStore } from '../../adapters/sqlite/ticket-store.js';
import type { EventRowWriter } from '../../adapters/sqlite/event-rows.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { DeskContentStores } from '../desk/desk-content.js';

/** The conversation log on the SQLite file; batches commit on `writer` (a worker thread) when given. */
export function sqliteEventLog(
  database: Database,
  writer?: EventRowWriter,
): ConversationEventLog<ConversationEvent> {
  return createSqliteConversationEventLog({
    database,
    eventSchema: ConversationEventSchema,
    ...(writer ? { writer } : {}),
  });
}

/** Tickets, departments, quick replies and auto-reply rules on the SQLite file, reading `events`. */
export function sqliteDeskContentStores(
  database: Database,
  events: ConversationEventLog<ConversationEvent> = sqliteEventLog(database),
): DeskContentStores {
  return {
    quickReplies: createSqliteQuickReplyStore({ database }),
    autoReplyRules: createSqliteAutoReplyRuleStore({ database }),
    ticketDepartments: createSqliteTicketDepartmentStore({ database }),
    tickets: createSqliteTicketStore({ database }),
    events,
  };
}
