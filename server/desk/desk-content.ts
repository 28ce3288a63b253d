import { randomBytes } from 'node:crypto';
import type { Scheduler } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { TicketDepartmentStore } from '../../engine/tickets/ticket-department-store.js';
import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import {
  AutoReplyConfigSchema,
  type AutoReplyConfig,
  type AutoReplyRule,
} from '../../engine/desk/auto-reply.js';
import type { QuickReply } from '../../engine/desk/quick-reply.js';
import type { AutoReplyRuleStore } from '../../engine/desk/auto-reply-rule-store.js';
import type { QuickReplyStore } from '../../engine/desk/quick-reply-store.js';
import { quickReplyValues, type QuickReplyValues } from '../../engine/desk/quick-reply-values.js';
import { readConversationEvents } from '../../engine/tickets/read-conversation-events.js';
import { DEFAULT_TICKET_DEPARTMENTS } from '../../engine/tickets/ticket-department.js';
import { TicketDepartments } from '../../engine/tickets/ticket-departments.js';
import { TicketService, type TicketServiceOptions } from '../../engine/tickets/ticket-service.js';
import { AutoReplier } from './auto-replier.js';
import { seedDemoDeskContent } from './demo-desk-content.js';

/** What the desk keeps besides live conversations: tickets, quick replies, auto-reply rules. */
export interface DeskContent {
  tickets: TicketService;
  quickReplies: QuickReplyStore;
  autoReplyRules: AutoReplyRuleStore;
  autoReplyConfig: AutoReplyConfig;
  /** Quick-reply variables a stored conversation answers; undefined when it was never stored. */
  conversationValues: (conversationId: string) => Promise<QuickReplyValues | undefined>;
}

/** Seeding the demo set: once in the database's life, only into an empty store (see the adapters). */
export interface DemoSeeding<Item> {
  seedDemo(items: readonly Item[], at: string): Promise<number>;
}

export interface DeskContentStores {
  quickReplies: QuickReplyStore & DemoSeeding<QuickReply>;
  autoReplyRules: AutoReplyRuleStore & DemoSeeding<AutoReplyRule>;
  ticketDepartments: TicketDepartmentStore;
  tickets: TicketStore;
  events: ConversationEventLog<ConversationEvent>;
}

export interface DeskContentOptions {
  /** The stores of the configured database (server/storage/); conversation events are read from it too. */
  stores: DeskContentStores;
  /** Seeds the demo quick replies and auto-reply rules once (`config.seedDemo`). */
  seedDemo: boolean;
  autoReply?: Partial<AutoReplyConfig>;
  clock?: (() => Date) | undefined;
  newTicketId?: () => string;
  /** The order and department of a commerce conversation's ticket (server/tools/commerce-ticket-hints.ts). */
  commerceHints?: TicketServiceOptions['commerceHints'];
}

const TICKET_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `T-` and 10 Crockford base-32 characters (50 random bits): short enough to read to a viewer. */
export function newTicketId(): string {
  const bytes = randomBytes(10);
  return `T-${[...bytes].map((byte) => TICKET_ID_ALPHABET[byte % 32]).join('')}`;
}

/** The ticket, department, quick-reply and auto-reply services over the configured stores; seeds the demo set. */
export async function createDeskContent(options: DeskContentOptions): Promise<DeskContent> {
  const { quickReplies, autoReplyRules, events, ticketDepartments: departmentStore } = options.stores;
  const clock = options.clock ?? (() => new Date());
  if (options.seedDemo) await seedDemoDeskContent({ quickReplies, autoReplyRules }, clock().toISOString());
  // Every install needs departments to route tickets to, demo or not; operators edit them afterwards.
  await departmentStore.seed(
    DEFAULT_TICKET_DEPARTMENTS.map((department) => ({
      ...department,
      updatedAt: clock().toISOString(),
      updatedBy: 'livedesk',
    })),
  );
  const tickets = new TicketService({
    store: options.stores.tickets,
    events,
    departments: new TicketDepartments({ store: departmentStore, clock }),
    clock,
    newId: options.newTicketId ?? newTicketId,
    commerceHints: options.commerceHints,
  });
  return {
    tickets,
    quickReplies,
    autoReplyRules,
    autoReplyConfig: AutoReplyConfigSchema.parse(options.autoReply ?? {}),
    async conversationValues(conversationId) {
      const stored = await readConversationEvents(events, conversationId);
      if (stored.length === 0) return undefined;
      const ticket = await tickets.openTicketFor(conversationId);
      return quickReplyValues({ conversationId, events: stored, ticketId: ticket?.id });
    },
  };
}

/** The auto-replier over the stored rules, for the desk service's `observer` option. */
export function createAutoReplier(
  content: Pick<DeskContent, 'autoReplyRules' | 'autoReplyConfig'>,
  options: {
    clock?: (() => Date) | undefined;
    schedule?: Scheduler | undefined;
    onError?: ((error: unknown, context: { conversationId: string }) => void) | undefined;
  } = {},
): AutoReplier {
  return new AutoReplier({
    rules: () => content.autoReplyRules.current(),
    config: content.autoReplyConfig,
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
}
