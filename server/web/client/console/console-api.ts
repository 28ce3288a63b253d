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

export const TicketSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  department: z.string(),
  priority: z.string(),
  conversationId: z.optional(z.string()),
});
export type Ticket = z.infer<typeof TicketSchema>;
const TicketResponseSchema = z.object({ ticket: TicketSchema });
const TicketListSchema = z.object({ tickets: z.array(TicketSchema) });

export const QuickReplySchema = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  text: z.string(),
  locale: z.string(),
});
export type QuickReply = z.infer<typeof QuickReplySchema>;
const QuickReplyListSchema = z.object({ quickReplies: z.array(QuickReplySchema) });
const RenderedSchema = z.object({ text: z.string(), missing: z._default(z.array(z.string()), []) });

/** The HTTP calls the console makes besides knowledge search. */
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

  async createTicket(conversationId: string): Promise<Ticket> {
    const created = await this.api.request(
      'POST',
      `/api/conversations/${encodeURIComponent(conversationId)}/ticket`,
      TicketResponseSchema,
      { body: { json: {} } },
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

  async quickReplies(locale: string | undefined): Promise<QuickReply[]> {
    const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
    const list = await this.api.request('GET', `/api/quick-replies${query}`, QuickReplyListSchema);
    return list.quickReplies;
  }

  /** The reply's text with the conversation's values (viewer name, room, ticket…) filled in by the server. */
  renderQuickReply(id: string, conversationId: string): Promise<{ text: string; missing: string[] }> {
    return this.api.request('POST', `/api/quick-replies/${encodeURIComponent(id)}/render`, RenderedSchema, {
      body: { json: { conversationId } },
    });
  }
}
