import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { maskPiiText } from '../../engine/privacy/mask-pii.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { CreateTicketInput } from '../../engine/tickets/ticket-inputs.js';
import type { Ticket, TicketActor } from '../../engine/tickets/ticket.js';
import type { TicketOutcome } from '../../engine/tickets/ticket-outcome.js';
import { newTicketId } from '../desk/desk-content.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import type { WebhookEmitter } from '../webhooks/webhook-emitter.js';
import type { ConversationPrivacyStore, FiledReport, ReportKey } from './conversation-privacy-store.js';

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
/** Reports in flight or just filed, remembered on this node too (oldest forgotten first). */
const MAX_REMEMBERED = 10_000;
/**
 * Longest another node's filing of the same report is waited for (from when it began) before this node
 * finishes it: a filing takes milliseconds; one uncompleted after this had stopped.
 */
const FILING_TAKES_MS = 5_000;
const COMPLETION_POLL_MS = 50;

const answerOf = (report: FiledReport): ReportOutcome => ({
  ok: true,
  ticketId: report.ticketId,
  blockRequested: report.blockRequested,
});

export interface ViewerReportsOptions {
  queries: Pick<ConversationQueries, 'get'>;
  tickets: {
    create(
      input: CreateTicketInput,
      actor: TicketActor,
      options: { id: string },
    ): Promise<TicketOutcome<Ticket>>;
    get(id: string): Promise<Ticket | undefined>;
  };
  /** Sensitive marks, and the reports filed: a repeat after a restart or on another node is found there. */
  privacy: Pick<
    ConversationPrivacyStore,
    'markSensitive' | 'rememberReport' | 'completeReport' | 'filedReport'
  >;
  webhooks?: WebhookEmitter | undefined;
  clock?: (() => Date) | undefined;
}

export type ReportOutcome =
  | { ok: true; ticketId: string; blockRequested: boolean }
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
  // In flight on this node: two requests at once wait for one filing. Filed reports are also in the store.
  const made = new Map<string, { atMs: number; outcome: Promise<ReportOutcome> }>();
  // Ticket ids of filings this node began: a repeat of one that stopped half-way finishes it at once.
  const filingHere = new Set<string>();
  const file = async (
    reporter: ReporterFacts,
    report: ViewerReport,
    nowMs: number,
  ): Promise<ReportOutcome> => {
    const key = {
      conversationId: report.conversationId,
      reporterViewerId: reporter.viewerId,
      reportedUserId: report.reportedUserId,
    };
    // Filed before, by this node before a restart or by another one: that ticket, nothing made or sent.
    const filed = await options.privacy.filedReport(key);
    const inWindow = filed !== undefined && nowMs - Date.parse(filed.reportedAt) < REPEAT_WINDOW_MS;
    if (inWindow && filed.completed) return answerOf(filed);
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
    // The key is reserved, with the ticket's id, before anything is made: of two nodes filing it at once,
    // one row wins; a try that stopped half-way left its row uncompleted, and a repeat finishes it under
    // that id (a new one each filing, not derived from key and time: two nodes may file in the same ms).
    const ownTicketId = newTicketId();
    const reserved = inWindow
      ? filed
      : await options.privacy.rememberReport(
          {
            ...key,
            ticketId: ownTicketId,
            blockRequested: report.block && options.webhooks !== undefined,
            reportedAt: at,
            completed: false,
          },
          new Date(nowMs - REPEAT_WINDOW_MS).toISOString(),
        );
    if (reserved.completed) return answerOf(reserved);
    if (reserved.ticketId !== ownTicketId && !filingHere.has(reserved.ticketId)) {
      // Another node's filing, maybe still under way: its answer once it completes, rather than a second
      // webhook; one that does not complete in time had stopped, and is finished here.
      const completed = await completedElsewhere(key, Date.parse(reserved.reportedAt));
      if (completed) return answerOf(completed);
    }
    filingHere.add(reserved.ticketId);
    if (filingHere.size > MAX_REMEMBERED) filingHere.delete(filingHere.values().next().value!);
    const ticketId = await ensureTicket(reserved.ticketId, report.conversationId, base, actor);
    await options.privacy.markSensitive({
      conversationId: report.conversationId,
      markedBy: `viewer:${reporter.viewerId}`,
      markedAt: at,
      note: `viewer report ${ticketId}: ${report.reason}`,
    });
    // At least once: a try stopped between this and the completion below sends it again on the repeat.
    if (reserved.blockRequested)
      options.webhooks?.emit({
        type: 'viewer.block.requested',
        occurredAt: at,
        data: {
          reporterViewerId: reporter.viewerId,
          reportedUserId: report.reportedUserId,
          roomId: reporter.roomId,
          reason: report.reason,
          conversationId: report.conversationId,
          ticketId,
        },
      });
    await options.privacy.completeReport({ ...key, ticketId });
    return answerOf(reserved);
  };
  /** The report's ticket under its reserved id: the one made by an earlier try, or made now. */
  const ensureTicket = async (
    ticketId: string,
    conversationId: string,
    base: CreateTicketInput,
    actor: TicketActor,
  ): Promise<string> => {
    if (await options.tickets.get(ticketId)) return ticketId;
    // Linked to the conversation when it has no open ticket yet, so its rule (and its sensitive mark) apply.
    // The store refuses a second unclosed ticket of a conversation, or a taken id, with a thrown conflict.
    const linked = await options.tickets
      .create({ ...base, conversationId }, actor, { id: ticketId })
      .catch((error: unknown) => {
        if (!(error instanceof LivedeskError && error.code === 'conflict')) throw error;
        return undefined;
      });
    if (linked?.ok) return ticketId;
    if (await options.tickets.get(ticketId)) return ticketId;
    const unlinked = await options.tickets
      .create(base, actor, { id: ticketId })
      .catch(async (error: unknown) => {
        if (
          error instanceof LivedeskError &&
          error.code === 'conflict' &&
          (await options.tickets.get(ticketId))
        )
          return undefined;
        throw error;
      });
    if (unlinked && !unlinked.ok)
      throw new Error(`the report ticket could not be made: ${JSON.stringify(unlinked)}`);
    return ticketId;
  };
  /** Waits for another node's filing of this key, begun at `beganMs`, to complete: undefined if it does not. */
  const completedElsewhere = async (key: ReportKey, beganMs: number): Promise<FiledReport | undefined> => {
    // `beganMs` is another node's clock: capped, so a clock running ahead cannot stretch the wait.
    const deadline =
      performance.now() +
      Math.min(FILING_TAKES_MS, Math.max(0, beganMs + FILING_TAKES_MS - clock().getTime()));
    for (;;) {
      const stored = await options.privacy.filedReport(key);
      if (stored?.completed) return stored;
      if (performance.now() >= deadline) return undefined;
      await delay(COMPLETION_POLL_MS);
    }
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
      const outcome = file(reporter, report, nowMs);
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
