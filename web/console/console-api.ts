import * as z from 'zod/mini';
import type { ApiClient } from '../shared/api-client.js';

const StateSchema = z.enum(['ai', 'pending_human', 'human', 'closed']);

/** One row of a viewer's history (server/conversation-history/conversation-queries.ts). */
export const ConversationSummarySchema = z.object({
  conversationId: z.string(),
  state: StateSchema,
  startedAt: z.string(),
  lastActivityAt: z.string(),
  roomId: z.nullable(z.string()),
  escalationReasons: z.array(z.string()),
  agentIds: z.array(z.string()),
  satisfaction: z.nullable(z.object({ score: z.number(), comment: z.nullable(z.string()) })),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

const ConversationPageSchema = z.object({ conversations: z.array(ConversationSummarySchema) });

const TranscriptLineSchema = z.object({
  at: z.string(),
  speaker: z.enum(['viewer', 'assistant', 'agent', 'system']),
  text: z.string(),
  agentId: z.optional(z.string()),
});
export type HistoryLine = z.infer<typeof TranscriptLineSchema>;

const ConversationDetailSchema = z.object({
  conversation: ConversationSummarySchema,
  transcript: z.array(TranscriptLineSchema),
});

const TicketStatusSchema = z.enum(['open', 'pending', 'resolved', 'closed']);
const TicketPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;
export type TicketPriority = z.infer<typeof TicketPrioritySchema>;

/** A ticket as engine/tickets/ticket.ts defines it (the fields the console shows and changes). */
export const TicketSchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  description: z.string(),
  status: TicketStatusSchema,
  department: z.string(),
  priority: TicketPrioritySchema,
  assigneeId: z.nullable(z.string()),
  tags: z.array(z.string()),
  viewer: z.optional(z.object({ viewerId: z.string(), displayName: z.optional(z.string()) })),
  conversationId: z.optional(z.string()),
  dueAt: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;
const TicketResponseSchema = z.object({ ticket: TicketSchema });
const TicketListSchema = z.object({ tickets: z.array(TicketSchema), total: z.number() });

export const TicketHistoryEntrySchema = z.object({
  at: z.string(),
  actorId: z.string(),
  actorName: z.optional(z.string()),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  comment: z.optional(z.string()),
});
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntrySchema>;
/** A file of the ticket's conversation (issue 17); opened through a fresh signed link. */
const TicketAttachmentSchema = z.object({
  mediaId: z.string(),
  kind: z.enum(['image', 'sticker', 'voice', 'file']),
  mime: z.string(),
  name: z.optional(z.string()),
  bytes: z.number(),
});
export type TicketAttachment = z.infer<typeof TicketAttachmentSchema>;

const TicketViewSchema = z.object({
  ticket: TicketSchema,
  history: z.array(TicketHistoryEntrySchema),
  /** The linked conversation's pictures, voice clips and files; older servers send none. */
  attachments: z.optional(z.array(TicketAttachmentSchema)),
});
export type TicketView = z.infer<typeof TicketViewSchema>;

export const DepartmentSchema = z.object({
  id: z.string(),
  names: z.object({ zh: z.string(), en: z.string() }),
  enabled: z.boolean(),
  isDefault: z.boolean(),
});
export type Department = z.infer<typeof DepartmentSchema>;
const DepartmentListSchema = z.object({ departments: z.array(DepartmentSchema) });

const StaffUserListSchema = z.object({
  users: z.array(
    z.object({ id: z.string(), name: z.string(), role: z.string(), teams: z.array(z.string()) }),
  ),
});
export type StaffUser = z.infer<typeof StaffUserListSchema>['users'][number];

export interface TicketFilter {
  assigneeId?: string;
  department?: string;
  status?: TicketStatus;
}

/** Fields a PATCH changes, with the version last read and the note kept in the history. */
export interface TicketChange {
  expectedVersion: number;
  status?: TicketStatus;
  department?: string;
  priority?: TicketPriority;
  assigneeId?: string | null;
  note?: string;
}

export const KnowledgeCandidateSchema = z.object({
  entryId: z.string(),
  question: z.string(),
  answer: z.string(),
  confidence: z.number(),
  locale: z.string(),
});
export type KnowledgeCandidate = z.infer<typeof KnowledgeCandidateSchema>;
const KnowledgeSearchSchema = z.object({ candidates: z.array(KnowledgeCandidateSchema) });

export const QuickReplySchema = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  text: z.string(),
  locale: z.string(),
  uses: z._default(z.number(), 0),
});
export type QuickReply = z.infer<typeof QuickReplySchema>;
const QuickReplyListSchema = z.object({ quickReplies: z.array(QuickReplySchema) });
const RenderedSchema = z.object({ text: z.string(), missing: z._default(z.array(z.string()), []) });

/** The HTTP calls the console makes. */
export class ConsoleApi {
  private readonly api: ApiClient;

  constructor(api: ApiClient) {
    this.api = api;
  }

  async viewerConversations(viewerId: string, signal?: AbortSignal): Promise<ConversationSummary[]> {
    const page = await this.api.request(
      'GET',
      `/api/viewers/${encodeURIComponent(viewerId)}/conversations`,
      ConversationPageSchema,
      signal ? { signal } : {},
    );
    return page.conversations;
  }

  async conversationTranscript(conversationId: string, signal?: AbortSignal): Promise<HistoryLine[]> {
    const detail = await this.api.request(
      'GET',
      `/api/conversations/${encodeURIComponent(conversationId)}`,
      ConversationDetailSchema,
      signal ? { signal } : {},
    );
    return detail.transcript;
  }

  async createTicket(conversationId: string, signal?: AbortSignal): Promise<Ticket> {
    const created = await this.api.request(
      'POST',
      `/api/conversations/${encodeURIComponent(conversationId)}/ticket`,
      TicketResponseSchema,
      { body: { json: {} }, ...(signal ? { signal } : {}) },
    );
    return created.ticket;
  }

  /** The conversation's open ticket, if one was made. */
  async ticketFor(conversationId: string, signal?: AbortSignal): Promise<Ticket | undefined> {
    const list = await this.api.request(
      'GET',
      `/api/tickets?conversationId=${encodeURIComponent(conversationId)}`,
      TicketListSchema,
      signal ? { signal } : {},
    );
    return list.tickets.find((ticket) => ticket.status !== 'closed') ?? list.tickets[0];
  }

  /** The replies in the conversation's language, most used first. */
  async quickReplies(locale: string | undefined, signal?: AbortSignal): Promise<QuickReply[]> {
    const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
    const list = await this.api.request(
      'GET',
      `/api/quick-replies${query}`,
      QuickReplyListSchema,
      signal ? { signal } : {},
    );
    return list.quickReplies;
  }

  /** The reply's text with the conversation's values (viewer name, room, ticket…) filled in by the server. */
  renderQuickReply(
    id: string,
    conversationId: string,
    signal?: AbortSignal,
  ): Promise<{ text: string; missing: string[] }> {
    return this.api.request('POST', `/api/quick-replies/${encodeURIComponent(id)}/render`, RenderedSchema, {
      body: { json: { conversationId } },
      ...(signal ? { signal } : {}),
    });
  }

  /** The viewer's matcher, for staff: candidates best first, answers in the viewer's language. */
  async searchKnowledge(
    query: { text: string; locale?: string | undefined; roomId?: string | undefined },
    signal: AbortSignal,
  ): Promise<KnowledgeCandidate[]> {
    const found = await this.api.request('POST', '/api/knowledge/search', KnowledgeSearchSchema, {
      body: {
        json: {
          text: query.text,
          limit: 6,
          ...(query.locale ? { locale: query.locale } : {}),
          ...(query.roomId ? { roomId: query.roomId } : {}),
        },
      },
      signal,
    });
    return found.candidates;
  }

  ticket(id: string, signal?: AbortSignal): Promise<TicketView> {
    return this.api.request(
      'GET',
      `/api/tickets/${encodeURIComponent(id)}`,
      TicketViewSchema,
      signal ? { signal } : {},
    );
  }

  async tickets(filter: TicketFilter, signal?: AbortSignal): Promise<Ticket[]> {
    const query = new URLSearchParams({ limit: '50' });
    for (const [name, value] of Object.entries(filter)) if (value) query.set(name, String(value));
    const list = await this.api.request(
      'GET',
      `/api/tickets?${query.toString()}`,
      TicketListSchema,
      signal ? { signal } : {},
    );
    return list.tickets;
  }

  async updateTicket(id: string, change: TicketChange, signal?: AbortSignal): Promise<Ticket> {
    const updated = await this.api.request(
      'PATCH',
      `/api/tickets/${encodeURIComponent(id)}`,
      TicketResponseSchema,
      { body: { json: change }, ...(signal ? { signal } : {}) },
    );
    return updated.ticket;
  }

  async commentTicket(id: string, comment: string, signal?: AbortSignal): Promise<void> {
    await this.api.request('POST', `/api/tickets/${encodeURIComponent(id)}/comments`, z.object({}), {
      body: { json: { comment } },
      ...(signal ? { signal } : {}),
    });
  }

  async departments(signal?: AbortSignal): Promise<Department[]> {
    const list = await this.api.request(
      'GET',
      '/api/ticket-departments',
      DepartmentListSchema,
      signal ? { signal } : {},
    );
    return list.departments;
  }

  /** Every staff account: admins only (others get 403 and see the names the desk knows). */
  async staffUsers(signal?: AbortSignal): Promise<StaffUser[]> {
    const list = await this.api.request('GET', '/api/users', StaffUserListSchema, signal ? { signal } : {});
    return list.users;
  }
}
