import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { EntryFlow } from '../../knowledge/entry.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import { disputeFlowObserver } from './dispute-flow-observer.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

function observer(flows: Record<string, EntryFlow>, askedFlow?: EntryFlow, maxTurns?: number) {
  const offers: [string, EntryFlow][] = [];
  const asked: string[] = [];
  const observe = disputeFlowObserver({
    flowOf: (entryId) => flows[entryId],
    ask: (question) => {
      asked.push(question);
      const best = askedFlow ? { entry: { flow: askedFlow } } : undefined;
      return Promise.resolve({ best } as unknown as MatchDecision);
    },
    offer: (conversationId, flow) => {
      offers.push([conversationId, flow]);
      return Promise.resolve();
    },
    onError: (error) => {
      throw error;
    },
    maxTurns,
  });
  const emit = (conversationId: string, events: ConversationEvent[]) => {
    for (const event of events) observe(conversationId, { event });
  };
  return { offers, asked, emit };
}

const turn = (turnId: string, question: string): ConversationEvent => ({
  type: 'turn-start',
  turnId,
  question,
});
const end = (turnId: string, reason: 'done' | 'interrupted' = 'done'): ConversationEvent => ({
  type: 'turn-end',
  turnId,
  reason,
  delivered: 'x',
});

describe('the dispute flow observer', () => {
  it('offers the form after an answer from an entry that starts a flow, once the turn has ended', async () => {
    const { offers, emit } = observer({ 'gifts.refund': 'gift-refund' });
    emit('c-1', [
      turn('t-1', '送错礼物要退'),
      { type: 'answer-source', turnId: 't-1', entryIds: ['gifts.refund'], composer: 'entry' },
    ]);
    await settle();
    expect(offers).toEqual([]);
    emit('c-1', [end('t-1')]);
    await settle();
    expect(offers).toEqual([['c-1', 'gift-refund']]);
  });

  it('offers nothing for other entries or an interrupted answer', async () => {
    const { offers, asked, emit } = observer({ 'gifts.refund': 'gift-refund' });
    emit('c-1', [
      turn('t-1', '怎么充值'),
      { type: 'answer-source', turnId: 't-1', entryIds: ['coins.top-up'], composer: 'entry' },
      end('t-1'),
      turn('t-2', '礼物能退吗'),
      { type: 'answer-source', turnId: 't-2', entryIds: ['gifts.refund'], composer: 'entry' },
      end('t-2', 'interrupted'),
    ]);
    await settle();
    expect(offers).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('asks the matcher about a turn that escalated without an answer, and offers its flow', async () => {
    const { offers, asked, emit } = observer({}, 'minor-spending');
    const packet = {} as Extract<ConversationEvent, { type: 'handoff' }>['packet'];
    emit('c-2', [turn('t-1', '未成年人消费退款'), { type: 'handoff', turnId: 't-1', packet }, end('t-1')]);
    await settle();
    await settle();
    expect(asked).toEqual(['未成年人消费退款']);
    expect(offers).toEqual([['c-2', 'minor-spending']]);
  });

  it('forgets an open turn when its conversation closes, and the oldest open turn past the bound', async () => {
    const flows: Record<string, EntryFlow> = { 'gifts.refund': 'gift-refund' };
    const { offers, emit } = observer(flows, undefined, 2);
    const answered = (turnId: string): ConversationEvent[] => [
      turn(turnId, '礼物能退吗'),
      { type: 'answer-source', turnId, entryIds: ['gifts.refund'], composer: 'entry' },
    ];
    emit('c-closed', [
      ...answered('t-1'),
      { type: 'state-change', from: 'ai', to: 'closed', reason: 'viewer', at: '2026-12-07T10:00:00.000Z' },
    ]);
    emit('c-1', answered('t-1'));
    emit('c-2', answered('t-1'));
    emit('c-3', answered('t-1'));
    for (const conversationId of ['c-closed', 'c-1', 'c-2', 'c-3']) emit(conversationId, [end('t-1')]);
    await settle();
    expect(offers).toEqual([
      ['c-2', 'gift-refund'],
      ['c-3', 'gift-refund'],
    ]);
  });
});
