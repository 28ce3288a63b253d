import { z } from 'zod';
import { maskPiiText } from '../../engine/privacy/mask-pii.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { CreateTicketInput } from '../../engine/tickets/ticket-inputs.js';
import type { Ticket, TicketActor } from '../../engine/tickets/ticket.js';
import type { TicketOutcome } from '../../engine/tickets/ticket-outcome.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import type { WebhookEmitter } from '../webhooks/webhook-emitter.js';
import type { ConversationPrivacyStore } from './conversation-privacy-store.js';

export const ReportReasonSchema = z.enum([
  'harassment',
  'sexual-content',
  'scam-or-fraud',
  'minor-safety',
  'hate-or-threats',
  'spam',
  'other',
]);
export type ReportReason = z.infer<typeof ReportReasonSchema>;

/** What a viewer sends to report the other party of a 1-on-1 room (HTTP body or viewer frame). */
export const ViewerReportSchema = z.strictObject({
  /** The Livedesk conversation the viewer reports from: its last messages become the evidence. */
  conversationId: z.string().trim().min(1).max(128),
  /** The platform's id of the person reported. */
  reportedUserId: z.string().trim().min(1).max(128),
  reason: ReportReasonSchema,
  note: z.string().trim().max(1000).default(''),
  /** The viewer also wants them blocked: Livedesk passes the wish to the platform, which decides. */
  block: z.boolean().default(true),
});
export type ViewerReport = z.infer<typeof ViewerReportSchema>;

export const ViewerReportResponseSchema = z.object({
  ticketId: z.string(),
  /** Whether the block wish was sent to the platform (a webhook); Livedesk itself blocks no one. */
  blockRequested: z.boolean(),
});

/** Messages of the conversation copied into the ticket as evidence. */
export const EVIDENCE_LINES = 20;
/** Every report ticket carries it; one not linked to its conversation stays with supervisors (conversation-access.ts). */
export const VIEWER_REPORT_TAG = 'viewer-report';
/** A second report of the same person from the same conversation within this long gets the first one's ticket. */
const REPEAT_WINDOW_MS = 24 * 3_600_000;
/** Reports remembered for that, at most (oldest forgotten first). */
const MAX_REMEMBERED = 10_000;

export interface ViewerReportsOptions {
  queries: Pick<ConversationQueries, 'get'>;
  tickets: { create(input: CreateTicketInput, actor: TicketActor): Promise<TicketOutcome<Ticket>> };
  privacy: Pick<ConversationPrivacyStore, 'markSensitive'>;
  webhooks?: WebhookEmitter | undefined;
  clock?: (() => Date) | undefined;
}

export type ReportOutcome =
  | { ok: true; ticket: Ticket; blockRequested: boolean }
  | { ok: false; code: 'not_found' | 'forbidden'; message: string };

export interface ReporterFacts {
  viewerId: string;
  roomId: string;
  displayName?: string | undefined;
  tier: 'regular' | 'vip';
}

/**
 * A viewer's report of the other party of a 1-on-1 room: a high-priority ticket naming the reported user with
 * the evidence (the conversation's last messages, personal data masked), the conversation marked sensitive
 * so only supervisors, admins and its holder open it, and, if asked, a `viewer.block.requested` webhook for
 * the platform. Livedesk never says it blocked anyone.
 */
export function createViewerReports(options: ViewerReportsOptions) {
  const clock = options.clock ?? (() => new Date());
  // Per process: a restart or another cluster node may make one more ticket; the route's rate limit bounds it.
  const made = new Map<string, { atMs: number; outcome: Promise<ReportOutcome> }>();
  const file = async (reporter: ReporterFacts, report: ViewerReport): Promise<ReportOutcome> => {
    const detail = await options.queries.get(report.conversationId);
    if (!detail) return { ok: false, code: 'not_found', message: `no conversation ${report.conversationId}` };
    if (detail.conversation.viewer.viewerId !== reporter.viewerId)
      return {
        ok: false,
        code: 'forbidden',
        message: 'a viewer may report only from their own conversation',
      };
    const evidence = detail.transcript
      .slice(-EVIDENCE_LINES)
      .map((line) => `[${line.at}] ${line.speaker}: ${maskPiiText(line.text)}`);
    const at = clock().toISOString();
    const description = [
      `Reported user: ${report.reportedUserId}`,
      `Reason: ${report.reason}`,
      ...(report.note ? [`Note from the viewer: ${maskPiiText(report.note)}`] : []),
      `Block requested: ${report.block ? 'yes (sent to the platform; Livedesk blocks no one)' : 'no'}`,
      `Room: ${reporter.roomId}`,
      '',
      `Evidence: the last ${evidence.length} messages of conversation ${report.conversationId}`,
      ...evidence,
    ].join('\n');
    const actor: TicketActor = {
      userId: `viewer:${reporter.viewerId}`,
      name: 'viewer report',
      supervisor: false,
    };
    const base: CreateTicketInput = {
      title: `Viewer report: ${report.reason} by ${report.reportedUserId}`.slice(0, 200),
      description: description.slice(0, 10_000),
      priority: 'high',
      assigneeId: null,
      tags: [VIEWER_REPORT_TAG, `report:${report.reason}`],
      viewer: {
        viewerId: reporter.viewerId,
        tier: reporter.tier,
        ...(reporter.displayName ? { displayName: reporter.displayName.slice(0, 128) } : {}),
      },
      roomId: reporter.roomId,
    };
    // Linked to the conversation when it has no open ticket yet, so its rule (and its sensitive mark) apply.
    // The store refuses a second unclosed ticket of a conversation with a thrown conflict, not an outcome.
    let created = await options.tickets
      .create({ ...base, conversationId: report.conversationId }, actor)
      .catch((error: unknown) => {
        if (error instanceof LivedeskError && error.code === 'conflict') return undefined;
        throw error;
      });
    if (!created?.ok) created = await options.tickets.create(base, actor);
    if (!created.ok) throw new Error(`the report ticket could not be made: ${JSON.stringify(created)}`);
    await options.privacy.markSensitive({
      conversationId: report.conversationId,
      markedBy: `viewer:${reporter.viewerId}`,
      markedAt: at,
      note: `viewer report ${created.value.id}: ${report.reason}`,
    });
    const blockRequested = report.block && options.webhooks !== undefined;
    if (blockRequested)
      options.webhooks?.emit({
        type: 'viewer.block.requested',
        occurredAt: at,
        data: {
          reporterViewerId: reporter.viewerId,
          reportedUserId: report.reportedUserId,
          roomId: reporter.roomId,
          reason: report.reason,
          conversationId: report.conversationId,
          ticketId: created.value.id,
        },
      });
    return { ok: true, ticket: created.value, blockRequested };
  };
  return {
    /** Files the report once: the same person reported again from the same conversation gets that ticket back. */
    async report(reporter: ReporterFacts, report: ViewerReport): Promise<ReportOutcome> {
      // The reporter is in the key: only the conversation's own viewer gets a ticket, and no one else's
      // refused attempt may displace theirs.
      const key = JSON.stringify([reporter.viewerId, report.conversationId, report.reportedUserId]);
      const nowMs = clock().getTime();
      const earlier = made.get(key);
      if (earlier && nowMs - earlier.atMs < REPEAT_WINDOW_MS) {
        const outcome = await earlier.outcome.catch(() => undefined);
        // The same answer as the first time; the ticket and the platform's webhook are not made again.
        if (outcome?.ok) return outcome;
      }
      const outcome = file(reporter, report);
      made.delete(key);
      made.set(key, { atMs: nowMs, outcome });
      if (made.size > MAX_REMEMBERED) made.delete(made.keys().next().value!);
      const settled = await outcome.catch((error: unknown) => {
        if (made.get(key)?.outcome === outcome) made.delete(key);
        throw error;
      });
      if (!settled.ok && made.get(key)?.outcome === outcome) made.delete(key);
      return settled;
    },
  };
}
export type ViewerReports = ReturnType<typeof createViewerReports>;
