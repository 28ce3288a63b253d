import { createHash } from 'node:crypto';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import type { Dispute } from '../../engine/disputes/dispute.js';
import { readDisputeFacts, type DisputeFormValues } from '../../engine/disputes/dispute-facts.js';
import { DISPUTE_FORMS, type DisputeKind } from '../../engine/disputes/dispute-form.js';
import { evaluateDisputePolicy, type DisputePolicy } from '../../engine/disputes/dispute-policy.js';
import {
  disputeFactLines,
  disputeReasonText,
  disputeStatusText,
} from '../../engine/disputes/dispute-wording.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import { maskPiiText } from '../../engine/privacy/mask-pii.js';
import { readConversationEvents } from '../../engine/tickets/read-conversation-events.js';
import type { TicketService } from '../../engine/tickets/ticket-service.js';
import type { Ticket } from '../../engine/tickets/ticket.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { ConversationChannel } from '../realtime/conversation-channel.js';

/** Who the tickets say made them: the dispute flow, not a person. */
const DISPUTE_ACTOR = { userId: 'disputes', name: 'Livedesk disputes', supervisor: false } as const;

export interface DisputeServiceOptions {
  store: DisputeStore;
  tickets: Pick<TicketService, 'create' | 'get'>;
  /** Stored conversation events: where the offered forms are looked up. */
  events: ConversationEventLog<ConversationEvent>;
  /** Read lazily: the directory is built after the ticket service that reports ticket moves here. */
  directory: () => Pick<ConversationDirectory, 'get' | 'load'>;
  policy: DisputePolicy;
  clock: () => Date;
  newId: () => string;
  onError?: ((error: unknown, context: { conversationId?: string; ticketId?: string }) => void) | undefined;
}

export interface DisputeSubmission {
  formId: string;
  clientId: string;
  values: DisputeFormValues;
}

export type DisputeSubmitResult =
  | { ok: true; disputeId: string; sequence?: number | undefined }
  | { ok: false; code: 'invalid_frame' | 'conflict' | 'unavailable'; message: string };

/**
 * Gift and top-up disputes (issue 16): offers a kind's form, checks a submitted one, applies the operator's
 * policy, opens the finance ticket with the facts (its department's response time is the SLA), escalates
 * when a person must decide, and tells the viewer whenever the ticket moves.
 */
export class DisputeService {
  private readonly options: DisputeServiceOptions;
  /** Submissions of one form run one at a time on this node, so a quick resend never makes two tickets. */
  private readonly inFlight = new Map<string, Promise<DisputeSubmitResult>>();

  constructor(options: DisputeServiceOptions) {
    this.options = options;
  }

  /** Whether the policy offers a form for this kind at all. */
  offers(kind: DisputeKind): boolean {
    return this.options.policy.kinds[kind].enabled;
  }

  /** Offers the kind's form in a live conversation; resolves when it is committed. */
  async offer(conversationId: string, kind: DisputeKind): Promise<void> {
    if (!this.offers(kind)) return;
    const channel = this.options.directory().get(conversationId);
    if (!channel) return;
    const form = DISPUTE_FORMS[kind];
    await channel.commit(() =>
      channel.conversation.offerDisputeForm({
        formId: this.options.newId(),
        kind,
        title: form.title,
        fields: [...form.fields],
        currency: this.options.policy.currency,
      }),
    );
  }

  /** A viewer's submitted form. Bad input changes nothing; a resend with the same client id is answered again. */
  submit(channel: ConversationChannel, submission: DisputeSubmission): Promise<DisputeSubmitResult> {
    const key = `${channel.conversationId}\u0000${submission.formId}`;
    const previous = this.inFlight.get(key) ?? Promise.resolve(undefined);
    const next = previous
      .catch(() => undefined)
      .then(() => this.submitNow(channel, submission))
      .finally(() => {
        if (this.inFlight.get(key) === next) this.inFlight.delete(key);
      });
    this.inFlight.set(key, next);
    return next;
  }

  /** The ticket store reports a committed change; a dispute ticket's new status reaches its viewer. */
  async ticketChanged(ticket: Ticket): Promise<void> {
    if (!ticket.tags.includes('dispute')) return;
    const dispute = await this.options.store.findByTicket(ticket.id);
    if (!dispute || dispute.status === ticket.status) return;
    const at = this.now();
    await this.options.store.setStatus(dispute.id, ticket.status, at);
    const channel = await this.options.directory().load(dispute.conversationId);
    if (!channel) return;
    const conversation = channel.conversation;
    const viewerText = conversation.inViewerScript(
      disputeStatusText({
        kind: dispute.kind,
        status: ticket.status,
        ticketId: ticket.id,
        handling: dispute.decision.handling,
        submitted: false,
        locale: conversation.language ?? conversation.profile.locale,
        now: this.options.clock(),
      }),
    );
    await channel.commit(() =>
      conversation.disputeUpdate({
        disputeId: dispute.id,
        formId: dispute.formId,
        kind: dispute.kind,
        status: ticket.status,
        submitted: false,
        ticketId: ticket.id,
        handling: dispute.decision.handling,
        viewerText,
      }),
    );
  }

  private async submitNow(
    channel: ConversationChannel,
    submission: DisputeSubmission,
  ): Promise<DisputeSubmitResult> {
    const conversationId = channel.conversationId;
    const offer = await this.offeredForm(conversationId, submission.formId);
    if (!offer)
      return { ok: false, code: 'invalid_frame', message: 'no such dispute form in this conversation' };
    const now = this.options.clock();
    const read = readDisputeFacts(offer.kind, submission.values, now);
    if (!read.ok) {
      const problems = read.errors.map((error) => `${error.field} (${error.code})`).join(', ');
      return { ok: false, code: 'invalid_frame', message: `the form has problems: ${problems}` };
    }
    const policy = this.options.policy;
    const decision = evaluateDisputePolicy({ kind: offer.kind, facts: read.facts, policy, now });
    const at = now.toISOString();
    const candidate: Dispute = {
      id: this.options.newId(),
      conversationId,
      viewerId: channel.conversation.profile.viewerId,
      formId: submission.formId,
      clientId: submission.clientId,
      kind: offer.kind,
      currency: policy.currency,
      facts: read.facts,
      decision,
      ticketId: null,
      status: 'open',
      createdAt: at,
      updatedAt: at,
    };
    const inserted = await this.options.store.insert(candidate);
    const dispute = inserted.inserted ? candidate : inserted.existing;
    if (!inserted.inserted) {
      if (dispute.clientId !== submission.clientId)
        return { ok: false, code: 'conflict', message: 'this form was already sent' };
      // The same submission again: answered as before, or finished where it stopped (no ticket yet).
      if (dispute.ticketId !== null) return { ok: true, disputeId: dispute.id };
    }
    const ticket = await this.openTicket(channel, dispute);
    if (!ticket)
      return { ok: false, code: 'unavailable', message: 'the dispute could not be filed; send it again' };
    await this.options.store.setTicket(dispute.id, ticket.id, this.now());
    const sequence = await this.announce(channel, dispute, ticket);
    return { ok: true, disputeId: dispute.id, sequence };
  }

  /**
   * The finance ticket; a conversation that already has an open ticket gets a second one, unlinked. Its id
   * comes from the dispute's, so a resend after a crash between making the ticket and linking it finds that
   * ticket instead of making another.
   */
  private async openTicket(channel: ConversationChannel, dispute: Dispute): Promise<Ticket | undefined> {
    const ticketId = disputeTicketId(dispute.id);
    const made = await this.options.tickets.get(ticketId);
    if (made) return made;
    const { conversation } = channel;
    const policy = this.options.policy;
    const form = DISPUTE_FORMS[dispute.kind];
    const reasons = dispute.decision.reasons.map((reason) =>
      disputeReasonText(reason, { kind: dispute.kind, facts: dispute.facts, policy }),
    );
    const description = [
      ...disputeFactLines({ kind: dispute.kind, facts: dispute.facts, currency: dispute.currency }).map(
        (line) => maskPiiText(line),
      ),
      '',
      dispute.decision.handling === 'person'
        ? `A person must decide: ${reasons.join('; ')}`
        : 'Within the policy: finance may settle it.',
      `Conversation: ${conversation.id}`,
    ].join('\n');
    const profile = conversation.profile;
    const input = {
      title: `${form.title.zh} / ${form.title.en}: ${dispute.facts.amount} ${dispute.currency}`,
      description,
      department: dispute.decision.department,
      priority: dispute.decision.priority,
      assigneeId: null,
      tags: ['dispute', dispute.kind, ...(dispute.decision.handling === 'person' ? ['needs-person'] : [])],
      viewer: {
        viewerId: profile.viewerId,
        ...(profile.displayName === undefined ? {} : { displayName: profile.displayName }),
        tier: profile.tier,
        ...(profile.locale === undefined ? {} : { locale: profile.locale }),
      },
      ...(conversation.currentLiveContext.roomId === undefined
        ? {}
        : { roomId: conversation.currentLiveContext.roomId }),
      ...(dispute.kind === 'gift-refund' || dispute.facts.text['orderId'] === undefined
        ? {}
        : { orderId: dispute.facts.text['orderId'].slice(0, 128) }),
    };
    try {
      const linked = await this.options.tickets.create(
        { ...input, conversationId: conversation.id },
        DISPUTE_ACTOR,
        { id: ticketId },
      );
      if (linked.ok) return linked.value;
      this.report(new Error(linked.message), { conversationId: conversation.id });
      return undefined;
    } catch (error) {
      if (!(error instanceof LivedeskError && error.code === 'conflict')) throw error;
      // Another node filed this very dispute meanwhile: its ticket is the one.
      const raced = await this.options.tickets.get(ticketId);
      if (raced) return raced;
    }
    const unlinked = await this.options.tickets.create(input, DISPUTE_ACTOR, { id: ticketId });
    if (unlinked.ok) return unlinked.value;
    this.report(new Error(unlinked.message), { conversationId: conversation.id });
    return undefined;
  }

  /** Tells the viewer (in their language) and, where the policy says so, hands the conversation to a person. */
  private async announce(
    channel: ConversationChannel,
    dispute: Dispute,
    ticket: Ticket,
  ): Promise<number | undefined> {
    const { conversation } = channel;
    const policy = this.options.policy;
    const reasons = dispute.decision.reasons.map((reason) =>
      disputeReasonText(reason, { kind: dispute.kind, facts: dispute.facts, policy }),
    );
    const viewerText = conversation.inViewerScript(
      disputeStatusText({
        kind: dispute.kind,
        status: 'open',
        ticketId: ticket.id,
        handling: dispute.decision.handling,
        dueAt: ticket.dueAt,
        submitted: true,
        locale: conversation.language ?? conversation.profile.locale,
        now: this.options.clock(),
      }),
    );
    const committed = await channel.commit(() => {
      conversation.disputeUpdate({
        disputeId: dispute.id,
        formId: dispute.formId,
        kind: dispute.kind,
        status: 'open',
        submitted: true,
        ticketId: ticket.id,
        handling: dispute.decision.handling,
        viewerText,
        ...(ticket.dueAt === undefined ? {} : { dueAt: ticket.dueAt }),
        facts: dispute.facts,
        currency: dispute.currency,
        ...(reasons.length > 0 ? { reasons } : {}),
      });
      if (dispute.decision.handling === 'person')
        conversation.handOff({
          reasons: ['sensitive'],
          details: [
            `dispute ${dispute.kind} (ticket ${ticket.id}): ${reasons.join('; ')}`,
            ...disputeFactLines({ kind: dispute.kind, facts: dispute.facts, currency: dispute.currency }).map(
              (line) => maskPiiText(line),
            ),
          ],
          priority: 'high',
          team: policy.team,
        });
    });
    return committed.find((item) => item.event.type === 'dispute-update')?.sequence;
  }

  private async offeredForm(conversationId: string, formId: string) {
    const events = await readConversationEvents(this.options.events, conversationId);
    return events.find(
      (event): event is Extract<ConversationEvent, { type: 'dispute-form' }> =>
        event.type === 'dispute-form' && event.formId === formId,
    );
  }

  private report(error: unknown, context: { conversationId?: string; ticketId?: string }): void {
    if (this.options.onError) this.options.onError(error, context);
    else console.error('dispute flow failed', { ...context, error });
  }

  private now(): string {
    return this.options.clock().toISOString();
  }
}

const TICKET_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The id of a dispute's ticket, derived from the dispute's: the same on every try and on every node. Shaped
 * like the ids the desk makes (server/desk/desk-content.ts: `T-` and 10 Crockford base-32 characters), as a
 * viewer reads it.
 */
export function disputeTicketId(disputeId: string): string {
  const bytes = createHash('sha256').update(`livedesk-dispute-ticket:${disputeId}`).digest();
  return `T-${[...bytes.subarray(0, 10)].map((byte) => TICKET_ID_ALPHABET[byte % 32]).join('')}`;
}
