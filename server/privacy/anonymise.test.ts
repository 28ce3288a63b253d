import { describe, expect, it } from 'vitest';
import { anonymiseConversation, anonymiseEventBody } from './anonymise.js';

const facts = {
  text: { gift: 'Rocket', orderId: 'R-778899', note: '送错了，电话 13812345678' },
  occurredAt: '2026-12-07T09:00:00.000Z',
  amount: 128,
};

describe('anonymising an erased viewer', () => {
  it('erases what they typed into a dispute form, in the event and in the dispute record, keeping the figures', () => {
    const event = {
      type: 'dispute-update',
      disputeId: 'd-1',
      formId: 'f-1',
      kind: 'gift-refund',
      status: 'open',
      submitted: true,
      ticketId: 't-1',
      handling: 'finance',
      viewerText: '已受理',
      facts,
      currency: 'CNY',
      at: '2026-12-07T10:00:00.000Z',
    };
    const erased = { ...facts, text: { gift: '[erased]', orderId: '[erased]', note: '[erased]' } };
    expect(anonymiseEventBody(event, 'erased-1')).toEqual({ ...event, facts: erased });
    const { facts: _facts, ...moved } = event;
    expect(anonymiseEventBody(moved, 'erased-1')).toEqual(moved);
    expect(anonymiseConversation('erased-1').dispute({ viewerId: 'v-1', facts })).toEqual({
      viewerId: 'erased-1',
      facts: erased,
    });
  });
});
