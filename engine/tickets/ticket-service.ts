import type { ConversationEvent } from '../conversation/conversation-events.js';
import type { ConversationEventLog } from '../ports.js';
import { applyTicketUpdate } from './apply-ticket-update.js';
import { conversationSatisfaction, type ConversationSatisfaction } from './conversation-satisfaction.js';
import { newTicket } from './new-ticket.js';
import { prefillTicketFromConversation } from './prefill-ticket-from-conversation.js';
import { readConversationEvents } from './read-conversation-events.js';
import type {
  ConversationTicketInput,
  CreateTicketInput,
  TicketListQuery,
  UpdateTicketInput,
} from './ticket-inputs.js';
import { refuse, type TicketOutcome } from './ticket-outcome.js';
import type { TicketPage, TicketStore } from './ticket-store.js';
import type { TicketDepartments } from './ticket-departments.js';
import type { Ticket, TicketActor, TicketHistoryEntry } from './ticket.js';

export interface TicketServiceOptions {
  store: TicketStore;
  /** Stored conversation events: the source of prefilled tickets and satisfaction scores. */
  events: ConversationEventLog<ConversationEvent>;
  /** The stored departments: which take tickets, the default, the response targets. */
  departments: TicketDepartments;
  clock: () => Date;
  newId: () => string;
  /**
   * What a commerce conversation adds to its ticket (server/tools/commerce-ticket-hints.ts): the order it
   * is about and the department its matter goes to. Absent: neither; failures must resolve to `{}`.
   */
  commerceHints?:
    | ((conversationId: string, events: readonly ConversationEvent[]) => Promise<CommerceTicketHints>)
    | undefined;
}

export interface CommerceTicketHints {
  orderId?: string | undefined;
  department?: string | undefined;
}

/** A ticket as the console shows it: its fields, every change, and the linked conversation's rating. */
export interface TicketView {
  ticket: Ticket;
  history: TicketHistoryEntry[];
  /** Null when the ticket has no conversation. */
  satisfaction: ConversationSatisfaction | null;
}

/** The ticket workflow over a store: creation (by hand or from a conversation), updates, comments. */
export class TicketService {
  readonly departments: TicketDepartments;
  private readonly options: TicketServiceOptions;

  constructor(options: TicketServiceOptions) {
    this.options = options;
    this.departments = options.departments;
  }

  /**
   * `options.id`: the new ticket's id, chosen by a caller that must find the ticket again after a crash
   * (server/disputes/dispute-service.ts); a taken id fails with `conflict` like any insert.
   */
  async create(
    input: CreateTicketInput,
    actor: TicketActor,
    options: { id?: string | undefined } = {},
  ): Promise<TicketOutcome<Ticket>> {
    const made = newTicket(input, {
      id: options.id ?? this.options.newId(),
      actor,
      at: this.now(),
      departments: await this.departments.rules(),
    });
    if (!made.ok) return made;
    await this.options.store.insert(made.value);
    return { ok: true, value: made.value.ticket };
  }

  /** Prefilled from the conversation's stored events; a conversation has one unclosed ticket at most. */
  async createFromConversation(
    conversationId: string,
    overrides: ConversationTicketInput,
    actor: TicketActor,
  ): Promise<TicketOutcome<Ticket>> {
    const unclosed = await this.openTicketFor(conversationId);
    if (unclosed)
      return refuse('conflict', `conversation ${conversationId} already has ticket ${unclosed.id}`);
    const events = await this.readEvents(conversationId);
    const rules = await this.departments.rules();
    const hints =
      events.length > 0 && this.options.commerceHints
        ? await this.options.commerceHints(conversationId, events)
        : {};
    const input = prefillTicketFromConversation(conversationId, events, {
      overrides,
      departments: rules,
    });
    if (!input.ok) return input;
    // A commerce matter goes to its department (after-sales, warehouse, logistics) unless the agent chose one.
    const hinted =
      hints.department !== undefined && rules.enabledIds.includes(hints.department)
        ? hints.department
        : undefined;
    const department = overrides.department ?? hinted ?? input.value.department;
    const orderId = overrides.orderId ?? hints.orderId;
    return this.create(
      {
        ...input.value,
        ...(department !== undefined ? { department } : {}),
        ...(orderId !== undefined ? { orderId } : {}),
      },
      actor,
    );
  }

  async update(
    id: string,
    input: UpdateTicketInput,
    actor: TicketActor,
  ): Promise<TicketOutcome<{ ticket: Ticket; changed: boolean }>> {
    const current = await this.options.store.get(id);
    if (!current) return refuse('not_found', `no ticket ${id}`);
    const change = applyTicketUpdate(current, input, {
      actor,
      at: this.now(),
      departments: await this.departments.rules(),
    });
    if (!change.ok) return change;
    if (change.value.history.length === 0) return { ok: true, value: { ticket: current, changed: false } };
    const written = await this.options.store.replace(change.value, current.version);
    if (!written) return refuse('conflict', 'the ticket changed meanwhile; reload it and try again');
    return { ok: true, value: { ticket: change.value.ticket, changed: true } };
  }

  /** A comment is history only: it changes no field and no version, so it never conflicts with edits. */
  async comment(id: string, comment: string, actor: TicketActor): Promise<TicketOutcome<TicketHistoryEntry>> {
    const ticket = await this.options.store.get(id);
    if (!ticket) return refuse('not_found', `no ticket ${id}`);
    if (ticket.status === 'closed')
      return refuse('conflict', 'a closed ticket is final: a supervisor must reopen it before commenting');
    const entry: TicketHistoryEntry = {
      ticketId: id,
      at: this.now(),
      actorId: actor.userId,
      ...(actor.name !== undefined ? { actorName: actor.name } : {}),
      field: 'comment',
      before: null,
      after: null,
      comment,
    };
    await this.options.store.appendHistory([entry]);
    return { ok: true, value: entry };
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.options.store.get(id);
  }

  async view(id: string): Promise<TicketOutcome<TicketView>> {
    const ticket = await this.options.store.get(id);
    if (!ticket) return refuse('not_found', `no ticket ${id}`);
    const history = await this.options.store.history(id);
    const satisfaction =
      ticket.conversationId === undefined
        ? null
        : conversationSatisfaction(await this.readEvents(ticket.conversationId));
    return { ok: true, value: { ticket, history, satisfaction } };
  }

  list(query: TicketListQuery): Promise<TicketPage> {
    const { limit, offset, assigneeId, ...rest } = query;
    return this.options.store.list(
      {
        ...rest,
        ...(assigneeId !== undefined ? { assigneeId: assigneeId === 'none' ? null : assigneeId } : {}),
      },
      { limit, offset },
    );
  }

  /** The conversation's ticket that is not closed (there is one at most), if any. */
  async openTicketFor(conversationId: string): Promise<Ticket | undefined> {
    const linked = await this.options.store.list({ conversationId }, { limit: 200, offset: 0 });
    return linked.tickets.find((ticket) => ticket.status !== 'closed');
  }

  async satisfaction(conversationId: string): Promise<TicketOutcome<ConversationSatisfaction>> {
    const events = await this.readEvents(conversationId);
    if (events.length === 0) return refuse('not_found', `no conversation ${conversationId}`);
    return { ok: true, value: conversationSatisfaction(events) };
  }

  private readEvents(conversationId: string): Promise<ConversationEvent[]> {
    return readConversationEvents(this.options.events, conversationId);
  }

  private now(): string {
    return this.options.clock().toISOString();
  }
}
