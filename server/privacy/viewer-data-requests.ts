import { randomBytes } from 'node:crypto';
import type { MediaRecord } from '../../engine/media/media-record.js';
import { z } from 'zod';
import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import type { AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import {
  anonymiseConversation,
  anonymiseTicketBody,
  anonymiseTicketHistoryBody,
  erasedViewerId,
} from './anonymise.js';
import type { PersonalDataStore } from './personal-data-store.js';

export const ErasureModeSchema = z.enum(['delete', 'anonymise']);
export type ErasureMode = z.infer<typeof ErasureModeSchema>;

/** How far back an export looks for audit entries that mention the viewer (pages of 1000, newest first). */
const AUDIT_PAGES = 20;
/** Conversations a viewer is still talking in with a person: erasing under the agent's feet is refused. */
const LIVE_STATES = new Set(['pending_human', 'human']);

/** The conversations this process holds in memory (the desk's conversation directory). */
export interface HeldConversations {
  /**
   * Lets go of the conversation if nothing uses it (no socket, no answer under way, not on the desk); true
   * when memory no longer holds it. One still held would append to a log erased under it (a message, a late
   * rating, a handoff writing the transcript back).
   */
  release(conversationId: string): boolean;
}

export interface ViewerDataRequestsOptions {
  personalData: PersonalDataStore;
  queries: ConversationQueries;
  tickets: TicketStore;
  audit?: Pick<AuditLog, 'query'> | undefined;
  /** Absent: nothing is held in memory here (a process without the desk). */
  held?: HeldConversations | undefined;
  clock?: (() => Date) | undefined;
  /** The conversations' media (issue 17, server/media/): exported as records, erased with their blobs. */
  media?: ViewerMedia | undefined;
}

/** What viewer data requests need of the media side. */
export interface ViewerMedia {
  records(conversationId: string): Promise<MediaRecord[]>;
  /** Removes the conversations' records and every blob no record points at any more; resolves to the count. */
  erase(conversationIds: readonly string[]): Promise<number>;
}

export interface ViewerExport {
  format: 'livedesk.viewer-export.v1';
  viewerId: string;
  exportedAt: string;
  conversations: unknown[];
  satisfaction: { conversationId: string; score: number; comment: string | null; at: string }[];
  tickets: { ticket: unknown; history: unknown[] }[];
  auditMentions: AuditEntry[];
  /** The media records of the viewer's conversations (the files themselves are fetched by their links). */
  media: MediaRecord[];
  counts: { conversations: number; events: number; tickets: number; auditMentions: number; media: number };
}

export type ErasureResult =
  | {
      ok: true;
      mode: ErasureMode;
      conversations: number;
      tickets: number;
      /** Media records erased (in both modes: a photo or a voice is the viewer themselves). */
      media: number;
      replacementId?: string;
    }
  | { ok: false; code: 'conflict'; message: string; conversationIds: string[] };

/** A data subject's requests, made by an admin on a viewer's behalf: everything about them, or nothing left. */
export interface ViewerDataRequests {
  exportViewer(viewerId: string, signal?: AbortSignal): Promise<ViewerExport>;
  eraseViewer(viewerId: string, mode: ErasureMode, signal?: AbortSignal): Promise<ErasureResult>;
}

export function createViewerDataRequests(options: ViewerDataRequestsOptions): ViewerDataRequests {
  const { personalData, queries, tickets } = options;
  const clock = options.clock ?? (() => new Date());
  return {
    async exportViewer(viewerId, signal) {
      const conversationIds = await personalData.conversationsOfViewer(viewerId);
      const conversations = [];
      for (const conversationId of conversationIds) {
        signal?.throwIfAborted();
        const detail = await queries.get(conversationId, signal ? { signal } : {});
        if (detail) conversations.push(detail);
      }
      const ticketIds = await personalData.ticketsOf(viewerId, conversationIds);
      const ticketRecords = [];
      for (const ticketId of ticketIds) {
        const ticket = await tickets.get(ticketId);
        if (ticket) ticketRecords.push({ ticket, history: await tickets.history(ticketId) });
      }
      const mentioned = new Set([viewerId, ...conversationIds, ...ticketIds]);
      const auditMentions = options.audit ? await auditMentionsOf(options.audit, mentioned, signal) : [];
      const media: MediaRecord[] = [];
      for (const conversationId of conversationIds)
        media.push(...((await options.media?.records(conversationId)) ?? []));
      return {
        format: 'livedesk.viewer-export.v1',
        viewerId,
        exportedAt: clock().toISOString(),
        conversations,
        satisfaction: conversations.flatMap((detail) =>
          detail.conversation.satisfaction
            ? [{ conversationId: detail.conversation.conversationId, ...detail.conversation.satisfaction }]
            : [],
        ),
        tickets: ticketRecords,
        auditMentions,
        media,
        counts: {
          conversations: conversations.length,
          events: conversations.reduce((sum, detail) => sum + detail.events.length, 0),
          tickets: ticketRecords.length,
          auditMentions: auditMentions.length,
          media: media.length,
        },
      };
    },

    async eraseViewer(viewerId, mode, signal) {
      const conversationIds = await personalData.conversationsOfViewer(viewerId);
      const live: string[] = [];
      for (const conversationId of conversationIds) {
        const summary = await queries.summary(conversationId, signal ? { signal } : {});
        if (summary && LIVE_STATES.has(summary.state)) live.push(conversationId);
      }
      if (live.length > 0)
        return {
          ok: false,
          code: 'conflict',
          message: 'the viewer is talking to a person right now: close those conversations first',
          conversationIds: live,
        };
      // Any state, closed included: memory that still holds a conversation would write to it after erasure.
      const held = conversationIds.filter(
        (conversationId) => options.held?.release(conversationId) === false,
      );
      if (held.length > 0)
        return {
          ok: false,
          code: 'conflict',
          message:
            'the viewer is still connected to these conversations (or the assistant is answering): try again once they leave',
          conversationIds: held,
        };
      const ticketIds = await personalData.ticketsOf(viewerId, conversationIds);
      signal?.throwIfAborted();
      // First, while the conversations still name the viewer, so a failure below leaves a request to repeat.
      const erasedMedia = (await options.media?.erase(conversationIds)) ?? 0;
      // And once they no longer do: an upload on another node that recorded its file meanwhile checked only
      // that the conversation was still the viewer's (server/media/media-service.ts), so this pass finds it.
      const eraseLateMedia = async () => (await options.media?.erase(conversationIds)) ?? 0;
      if (mode === 'delete') {
        const erasedTickets = await personalData.deleteTickets(ticketIds);
        const erasedConversations = await personalData.deleteConversations(conversationIds);
        return {
          ok: true,
          mode,
          conversations: erasedConversations,
          tickets: erasedTickets,
          media: erasedMedia + (await eraseLateMedia()),
        };
      }
      // One random salt per erasure: the new id groups this viewer's records and links to nothing else.
      const salt = randomBytes(16).toString('hex');
      const replacementId = erasedViewerId(viewerId, salt);
      const erasedTickets = await personalData.rewriteTickets(ticketIds, {
        ticket: (body) => anonymiseTicketBody(body, () => replacementId),
        history: anonymiseTicketHistoryBody,
      });
      const erasedConversations = await personalData.rewriteConversations(
        conversationIds,
        anonymiseConversation(replacementId),
      );
      return {
        ok: true,
        mode,
        conversations: erasedConversations,
        tickets: erasedTickets,
        media: erasedMedia + (await eraseLateMedia()),
        replacementId,
      };
    },
  };
}

async function auditMentionsOf(
  audit: Pick<AuditLog, 'query'>,
  mentioned: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  let before: number | undefined;
  for (let page = 0; page < AUDIT_PAGES; page++) {
    signal?.throwIfAborted();
    const entries = await audit.query({ limit: 1000, ...(before === undefined ? {} : { before }) });
    for (const entry of entries) {
      const details = JSON.stringify(entry.details);
      if (
        (entry.subject !== null && mentioned.has(entry.subject)) ||
        [...mentioned].some((id) => details.includes(JSON.stringify(id)))
      )
        found.push(entry);
    }
    if (entries.length < 1000) break;
    before = entries.at(-1)?.id;
  }
  return found;
}
