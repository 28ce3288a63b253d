import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import { ticketFixture } from '../../engine/tickets/ticket-test-fixtures.js';
import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import type { PhrasingProposalStore } from '../../server/analytics/phrasing-proposals.js';
import {
  anonymiseConversation,
  anonymiseTicketBody,
  anonymiseTicketHistoryBody,
  erasedViewerId,
} from '../../server/privacy/anonymise.js';
import type { ConversationPrivacyStore } from '../../server/privacy/conversation-privacy-store.js';
import type { PersonalDataStore } from '../../server/privacy/personal-data-store.js';

export interface PersonalDataStoreHarness {
  store: PersonalDataStore;
  log: ConversationEventLog<ConversationEvent>;
  tickets: TicketStore;
  privacy: ConversationPrivacyStore;
  disputes: DisputeStore;
  proposals: PhrasingProposalStore;
  labels: SignalLabelStore;
  cleanup(): Promise<void>;
}

const PROFILE = (viewerId: string) => ({
  viewerId,
  tier: 'vip' as const,
  locale: 'zh',
  displayName: `Name of ${viewerId}`,
  verified: { platformId: 'shop', userId: `u-${viewerId}`, attributes: { phone: '13812345678' } },
});

/** A conversation of `viewerId`: opened, a message with a phone number, closed at `closedAt` (or left open). */
async function conversation(
  log: ConversationEventLog<ConversationEvent>,
  conversationId: string,
  viewerId: string,
  times: { openedAt: string; closedAt?: string },
): Promise<void> {
  await log.append(conversationId, times.openedAt, {
    type: 'conversation-opened',
    profile: PROFILE(viewerId),
    liveContext: { roomId: 'room-1' },
    at: times.openedAt,
  });
  await log.append(conversationId, times.openedAt, {
    type: 'viewer-message',
    text: '我的手机 13812345678，地址：北京市朝阳区建国路88号',
    channel: 'text',
    at: times.openedAt,
  });
  await log.append(conversationId, times.openedAt, {
    type: 'agent-message',
    agentId: 'ana',
    text: '好的，我们会打 13812345678 联系您',
    at: times.openedAt,
  });
  if (times.closedAt) {
    await log.append(conversationId, times.closedAt, {
      type: 'satisfaction',
      score: 2,
      comment: 'call 13912345678',
      at: times.closedAt,
    });
    await log.append(conversationId, times.closedAt, {
      type: 'state-change',
      from: 'human',
      to: 'closed',
      reason: 'agent closed',
      at: times.closedAt,
    });
  }
}

/** What else holds the viewer's words about a conversation: a dispute form, a phrasing proposal, a desk label. */
async function derivedRecords(harness: PersonalDataStoreHarness, conversationId: string, viewerId: string) {
  await harness.disputes.insert({
    id: `d-${conversationId}`,
    conversationId,
    viewerId,
    formId: `f-${conversationId}`,
    clientId: 'client-1',
    kind: 'gift-refund',
    currency: 'CNY',
    facts: {
      text: { gift: 'Rocket', orderId: 'R-778899', note: '送错了，电话 13812345678' },
      occurredAt: '2026-01-01T09:00:00.000Z',
      amount: 128,
    },
    decision: { handling: 'finance', reasons: [], department: 'finance', priority: 'normal' },
    ticketId: null,
    status: 'open',
    createdAt: '2026-01-01T10:05:00.000Z',
    updatedAt: '2026-01-01T10:05:00.000Z',
  });
  await harness.proposals.record(
    [
      {
        entryId: 'gifts.refund',
        question: `礼物送错了 ${conversationId} 13812345678`,
        questionKey: `key-${conversationId}`,
        locale: 'zh',
        conversationId,
        agentId: 'ana',
        at: '2026-01-01T10:06:00.000Z',
      },
    ],
    { eventId: 1, at: '2026-01-01T10:06:00.000Z' },
  );
  await harness.labels.record({
    conversationId,
    turnId: 't-1',
    text: `我要投诉 ${conversationId}`,
    signals: ['anger'],
    reachedAgentId: 'ana',
    reachedAt: '2026-01-01T10:07:00.000Z',
  });
  await harness.labels.mark({
    conversationId,
    turnId: 't-1',
    agentId: 'ana',
    note: 'not angry',
    at: '2026-01-01T10:08:00.000Z',
  });
}

/** What every PersonalDataStore promises, for each adapter. */
export function runPersonalDataStoreContract(
  name: string,
  createHarness: () => Promise<PersonalDataStoreHarness>,
): void {
  describe(`PersonalDataStore contract: ${name}`, () => {
    let harness: PersonalDataStoreHarness;
    let store: PersonalDataStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
      await conversation(harness.log, 'c-old', 'v-1', {
        openedAt: '2026-01-01T10:00:00.000Z',
        closedAt: '2026-01-01T10:30:00.000Z',
      });
      await conversation(harness.log, 'c-open', 'v-1', { openedAt: '2026-01-02T10:00:00.000Z' });
      await conversation(harness.log, 'c-new', 'v-2', {
        openedAt: '2026-06-01T10:00:00.000Z',
        closedAt: '2026-06-01T10:30:00.000Z',
      });
      const ticket = (id: string, overrides: Parameters<typeof ticketFixture>[0]) => ({
        ticket: ticketFixture({ id, version: 1, ...overrides }),
        history: [
          {
            ticketId: id,
            at: '2026-01-01T11:00:00.000Z',
            actorId: 'ana',
            field: 'comment' as const,
            before: null,
            after: null,
            comment: 'viewer says call 13812345678',
          },
        ],
      });
      await harness.tickets.insert(
        ticket('T-old', {
          status: 'closed',
          conversationId: 'c-old',
          viewer: { viewerId: 'v-1', displayName: 'Name of v-1' },
          description: '手机 13812345678',
          updatedAt: '2026-01-01T12:00:00.000Z',
        }),
      );
      await harness.tickets.insert(
        ticket('T-viewer', {
          status: 'open',
          viewer: { viewerId: 'v-1' },
          updatedAt: '2026-01-03T12:00:00.000Z',
        }),
      );
      await harness.tickets.insert(
        ticket('T-new', { status: 'closed', conversationId: 'c-new', updatedAt: '2026-06-01T12:00:00.000Z' }),
      );
      await derivedRecords(harness, 'c-old', 'v-1');
      await derivedRecords(harness, 'c-new', 'v-2');
    });
    const proposalQuestions = async () =>
      (await harness.proposals.list({ status: 'pending', limit: 100, offset: 0 })).proposals
        .map((proposal) => proposal.question)
        .sort();
    const labelTexts = async () => (await harness.labels.list()).map((label) => label.text).sort();
    afterEach(async () => {
      await harness.cleanup();
    });

    it("finds a viewer's conversations and tickets", async () => {
      expect(await store.conversationsOfViewer('v-1')).toEqual(['c-old', 'c-open']);
      expect(await store.conversationsOfViewer('nobody')).toEqual([]);
      expect(await store.ticketsOf('v-1', ['c-old', 'c-open'])).toEqual(['T-old', 'T-viewer']);
    });

    it('finds closed conversations and tickets older than a time, leaving open and newer ones', async () => {
      expect(await store.closedConversationsBefore('2026-03-01T00:00:00.000Z', 100)).toEqual(['c-old']);
      expect(await store.closedConversationsBefore('2026-12-01T00:00:00.000Z', 100)).toEqual([
        'c-old',
        'c-new',
      ]);
      expect(await store.closedConversationsBefore('2026-12-01T00:00:00.000Z', 1)).toEqual(['c-old']);
      expect(await store.closedTicketsBefore('2026-03-01T00:00:00.000Z', 100)).toEqual(['T-old']);
    });

    it('deletes conversations with their sensitive marks, and tickets with their history', async () => {
      await harness.privacy.markSensitive({
        conversationId: 'c-old',
        markedBy: 'sam',
        markedAt: '2026-01-01T10:10:00.000Z',
        note: '',
      });
      expect(await store.deleteConversations(['c-old', 'c-missing'])).toBe(1);
      expect(await harness.log.read('c-old')).toEqual([]);
      expect(await harness.privacy.sensitive('c-old')).toBeUndefined();
      expect((await harness.log.read('c-new')).length).toBe(5);
      expect(await store.deleteTickets(['T-old', 'T-missing'])).toBe(1);
      expect(await harness.tickets.get('T-old')).toBeUndefined();
      expect(await harness.tickets.history('T-old')).toEqual([]);
      expect(await harness.tickets.get('T-new')).toBeDefined();
    });

    it("deletes a conversation's disputes, phrasing proposals and desk labels with it, and no one else's", async () => {
      expect(await store.deleteConversations(['c-old'])).toBe(1);
      expect(await harness.disputes.listByConversation('c-old')).toEqual([]);
      expect(await harness.disputes.get('d-c-old')).toBeUndefined();
      expect(await harness.disputes.listByConversation('c-new')).toHaveLength(1);
      expect(await proposalQuestions()).toEqual(['礼物送错了 c-new 13812345678']);
      expect(await labelTexts()).toEqual(['我要投诉 c-new']);
      expect(await harness.labels.latestFor('c-old')).toBeUndefined();
    });

    it("anonymises a conversation's events and a ticket in place, and passes them by afterwards", async () => {
      const replacement = erasedViewerId('v-1', 'salt');
      expect(await store.rewriteConversations(['c-old'], anonymiseConversation(replacement))).toBe(1);
      const events = await harness.log.read('c-old');
      expect(events.map((stored) => stored.event.type)).toEqual([
        'conversation-opened',
        'viewer-message',
        'agent-message',
        'satisfaction',
        'state-change',
      ]);
      const text = JSON.stringify(events);
      for (const secret of ['13812345678', '13912345678', 'v-1', 'Name of v-1', '建国路'])
        expect(text).not.toContain(secret);
      expect(await store.conversationsOfViewer(replacement)).toEqual(['c-old']);
      expect(await store.closedConversationsBefore('2026-03-01T00:00:00.000Z', 100)).toEqual([]);

      // The dispute stays for the figures, under the new id and without what the viewer typed.
      const [dispute] = await harness.disputes.listByConversation('c-old');
      expect(dispute).toMatchObject({
        id: 'd-c-old',
        viewerId: replacement,
        kind: 'gift-refund',
        facts: { amount: 128, text: { gift: '[erased]', orderId: '[erased]', note: '[erased]' } },
      });
      expect((await harness.disputes.listByConversation('c-new'))[0]?.viewerId).toBe('v-2');
      // A proposal or a label is the viewer's question: without it, it goes.
      expect(await proposalQuestions()).toEqual(['礼物送错了 c-new 13812345678']);
      expect(await labelTexts()).toEqual(['我要投诉 c-new']);

      expect(
        await store.rewriteTickets(['T-old'], {
          ticket: (body) => anonymiseTicketBody(body, (viewerId) => erasedViewerId(viewerId, 'salt')),
          history: anonymiseTicketHistoryBody,
        }),
      ).toBe(1);
      const ticket = await harness.tickets.get('T-old');
      const history = await harness.tickets.history('T-old');
      expect(ticket?.viewer).toEqual({ viewerId: replacement });
      expect(JSON.stringify([ticket, history])).not.toContain('13812345678');
      expect(await store.closedTicketsBefore('2026-03-01T00:00:00.000Z', 100)).toEqual([]);
    });
  });
}
